import chalk from 'chalk';
import { describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Question } from '../../src/bank/question.js';
import { renderStats } from '../../src/cli/commands/stats.js';
import { missedQuestions, toAnki, toCsv } from '../../src/cli/commands/export.js';
import { stripAnsi } from '../../src/cli/render.js';
import { applyAttempt } from '../../src/progress/apply.js';
import { emptyProgress, type Attempt, type Progress } from '../../src/progress/schema.js';
import { computeStats } from '../../src/progress/stats.js';
import { MINI_BANK, parseCsv } from '../helpers.js';

const questions = loadBanks([MINI_BANK]).questions as Question[];
const byId = new Map(questions.map((q) => [q.id, q]));
const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 10, day, hour)).toISOString();
const NOW = new Date(at(28, 12));

/** A learner's fixture: right on the single question when sure, wrong 4 times on the multiple one. */
function fixture(): Progress {
  const attempts: Attempt[] = [
    { id: 'mini-single', at: at(20), answer: { type: 'single', choice: 0 }, correct: true, seconds: 40, mode: 'practice', confidence: 'sure' },
    { id: 'mini-ordering', at: at(21), answer: { type: 'ordering', order: [0, 1, 2] }, correct: true, seconds: 60, mode: 'practice', confidence: 'guessed' },
    ...[22, 23, 24, 25].map((d): Attempt => ({
      id: 'mini-multiple',
      at: at(d),
      answer: { type: 'multiple', choices: [0, 2] },
      correct: false,
      seconds: 100,
      mode: 'review',
      confidence: 'sure',
    })),
  ];
  return attempts.reduce((p, a) => applyAttempt(p, a, byId.get(a.id)), emptyProgress());
}

describe('stats', () => {
  const stats = computeStats(fixture(), questions, NOW);

  it('computes per-domain and per-task numbers from the latest answers', () => {
    const d1 = stats.domains[0]!;
    expect(d1).toMatchObject({ total: 4, seen: 3, right: 2 });
    expect(d1.accuracy).toBeCloseTo(2 / 3);
    expect(d1.tasks.map((t) => [t.id, t.seen, t.right])).toEqual([
      ['1.1', 1, 1],
      ['1.2', 1, 0],
      ['1.3', 1, 1],
    ]);
  });

  it('estimates readiness with its uncertainty: six answers give a wide range and no domain with enough evidence', () => {
    const r = stats.readiness;
    expect(r).toMatchObject({ answers: 6, enoughEvidence: false, minimumAnswers: 10, target: '2026-11-28' });
    expect(r.range.high - r.range.low).toBeGreaterThan(250);
    expect(r.range.low).toBeLessThanOrEqual(r.expected);
    expect(r.range.high).toBeGreaterThanOrEqual(r.expected);
    expect(r.domains.map((d) => [d.domain, d.answers, d.enoughEvidence])).toEqual([
      [1, 6, false],
      [2, 0, false],
      [3, 0, false],
      [4, 0, false],
      [5, 0, false],
    ]);
    // The same progress always gives the same figures.
    expect(computeStats(fixture(), questions, NOW).readiness).toEqual(r);
  });

  it('shows the range bar, the chance of passing and the thin domains on the stats screen', () => {
    const text = stripAnsi(renderStats(stats, 80)).replace(/\s+/g, ' ');
    // Thin evidence: the range is the headline, not a number that looks sure.
    expect(text).toMatch(/Readiness if you sat the exam today: between \d+ and \d+ of 1,000 \(too few answers for one number\)/);
    expect(text).toMatch(/100 [░█│┃]+ 1000/);
    expect(text).toMatch(/80% range \d+-\d+ · chance of 700 or more: \S+ \(rough\) · from 6 answers/);
    expect(text).toContain('Not enough evidence in domains 1, 2, 3, 4 and 5 (fewer than 10 answers)');
    expect(text).toMatch(/Domain 1: 6 answers, likely \d+%-\d+% right · not enough evidence/);
  });

  it('gives one number once every domain has enough evidence', async () => {
    const { renderReadiness } = await import('../../src/cli/render-readiness.js');
    const domains = [1, 2, 3, 4, 5].map((domain) => ({ domain, answers: 40, questions: 30, expectedShare: 0.8, shareRange: { low: 0.7, high: 0.9 }, enoughEvidence: true }));
    const summary = { target: '2026-12-02', answers: 200, expected: 790, range: { low: 720, high: 860 }, passProbability: 0.91, enoughEvidence: true, minimumAnswers: 10, domains, note: 'Note.' };
    const text = stripAnsi(renderReadiness(summary, 80).join('\n'));
    expect(text).toContain('Readiness if you sat the exam today: about 790 of 1,000');
    expect(text).toContain('80% range 720-860 · chance of 700 or more: 91% · from 200 answers');
    expect(text).not.toContain('not enough evidence');
  });

  it('finds leeches, the wrong option picked most and the weakest objective', () => {
    expect(stats.leeches).toEqual([{ question: 'mini-multiple', misses: 4, reference: 'https://docs.aws.amazon.com/transcribe/latest/dg/what-is.html' }]);
    expect(stats.commonMistakes[0]).toEqual({ question: 'mini-multiple', picked: 'Amazon Textract', correct: 'Amazon Transcribe + Amazon Polly', times: 4 });
  });

  it('reports calibration and lucky guesses, and pacing against the exam budget', () => {
    expect(stats.calibration).toMatchObject({ sure: { answered: 5, correct: 1 }, guessed: { answered: 1, correct: 1 }, luckyGuesses: 1 });
    expect(stats.pacing).toEqual({ medianSeconds: 100, budgetSeconds: 83 });
    expect(stats.days.at(-5)).toEqual({ date: '2026-11-24', answered: 1, correct: 0 });
    expect(stats.dueForecast.reduce((n, d) => n + d.due, 0)).toBeGreaterThanOrEqual(1);
  });

  it('renders within 80 columns, with and without colour', () => {
    const level = chalk.level;
    try {
      chalk.level = 0;
      const plain = renderStats(stats, 80);
      expect(plain).not.toMatch(/\u001B\[/);
      for (const line of plain.split('\n')) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(plain).toContain('Readiness if you sat the exam today: between');
      expect(plain).toMatch(/1\.2 Identify practical use cases for AI +1\/2 +0% +░{12} +0/);
      chalk.level = 3;
      const coloured = renderStats(stats, 80);
      expect(coloured).toMatch(/\u001B\[/);
      expect(stripAnsi(coloured)).toBe(plain);
    } finally {
      chalk.level = level;
    }
  });
});

describe('export of missed questions', () => {
  const missed = missedQuestions(fixture(), questions);

  it('selects the questions the learner keeps missing', () => {
    expect(missed.map((q) => q.id)).toEqual(['mini-multiple']);
  });

  it('writes CSV that parses back into the same fields', () => {
    const csv = toCsv(missed);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(['guid', 'id', 'domain', 'task', 'tags', 'question', 'answer', 'explanation', 'references']);
    expect(rows).toHaveLength(2);
    expect(rows[1]![1]).toBe('mini-multiple');
    expect(rows[1]![5]).toMatch(/^Which services work with speech\? \(Select TWO\.\)\n\n[A-E]\) /);
    expect(rows[1]![6]!.split('\n').map((l) => l.slice(3)).sort()).toEqual(['Amazon Polly', 'Amazon Transcribe']);
  });

  it('writes an Anki import file: header lines, then four tab-separated fields a note', () => {
    const lines = toAnki(questions).trimEnd().split('\n');
    expect(lines.slice(0, 4)).toEqual(['#separator:tab', '#html:true', '#notetype:Basic', '#columns:GUID\tFront\tBack\tTags']);
    const notes = lines.filter((l) => !l.startsWith('#'));
    expect(notes).toHaveLength(4);
    for (const note of notes) expect(note.split('\t')).toHaveLength(4);
    expect(notes[3]).toContain('Read invoices → Amazon Textract');
  });
});
