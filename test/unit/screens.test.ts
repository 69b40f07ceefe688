import chalk from 'chalk';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../../src/bank/catalogue.js';
import { loadBanks } from '../../src/bank/load.js';
import { renderDomains } from '../../src/cli/render-domains.js';
import { renderStats } from '../../src/cli/commands/stats.js';
import { renderProblem } from '../../src/cli/commands/validate.js';
import { stripAnsi } from '../../src/cli/render.js';
import { isUnbreakableLine } from '../../src/cli/text.js';
import { emptyProgress } from '../../src/progress/schema.js';
import { computeStats, type Stats } from '../../src/progress/stats.js';
import { shippedBanksDir } from '../../src/paths.js';

const WIDTHS = [40, 60, 80, 120];

function tooWide(text: string, width: number): string[] {
  return stripAnsi(text)
    .split('\n')
    .filter((line) => stringWidth(line) > width && !isUnbreakableLine(line, width));
}

const URL = 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-sensitive-filters.html';

function busyStats(): Stats {
  const questions = loadBanks([shippedBanksDir()]).questions;
  const base = computeStats(emptyProgress(), questions, new Date('2026-12-02T10:00:00Z'));
  return {
    ...base,
    readiness: {
      ...base.readiness,
      answers: 1,
      domains: base.readiness.domains.map((d) => (d.domain === 1 ? { ...d, answers: 1, questions: 1 } : d)),
    },
    weakObjectives: [{ objective: 'v1.4-5.2.1', answered: 1, right: 0, accuracy: 0 }],
    commonMistakes: [{ question: '3.1-cs-bank-assistant-phase-two', picked: 'Amazon Bedrock Guardrails with a denied topic for account actions', correct: 'Amazon Bedrock Agents with an action group', times: 3 }],
    leeches: [{ question: '2.1-tokens-context-window', misses: 1, reference: URL }],
    calibration: { sure: { answered: 10, correct: 7 }, unsure: { answered: 4, correct: 2 }, guessed: { answered: 3, correct: 1 }, luckyGuesses: 1 },
    pacing: { medianSeconds: 95, budgetSeconds: 83 },
    exams: [
      { at: '2026-12-01T10:00:00.000Z', scaled: 712, passed: true, correct: 47, total: 65, predicted: { expected: 655, low: 560, high: 745, passProbability: 0.31 } },
    ],
  };
}

describe('stats, domains and validate output', () => {
  it('fits every width, with long task titles wrapped in their column and plurals right', () => {
    const stats = busyStats();
    for (const width of WIDTHS) {
      const text = renderStats(stats, width);
      expect(tooWide(text, width), `stats @${width}`).toEqual([]);
      const flat = stripAnsi(text).replace(/\s+/g, ' ');
      expect(flat).toContain('from 1 answer');
      expect(flat).toContain('Not enough evidence in domains 1, 2, 3, 4 and 5');
      expect(flat).toContain('predicted 560-745 (about 655, 31% to pass): within the range');
      expect(flat).toContain('(1 miss)');
      // A long task title wraps in its column: every word is there, none is cut with an ellipsis.
      expect(stripAnsi(text)).not.toContain('…');
      const words = flat.split(' ');
      for (const word of 'Understand the capabilities and limitations of generative AI for solving business problems'.split(' ')) expect(words).toContain(word);
    }
  });

  it('prints references in normal weight, not dim', () => {
    const level = chalk.level;
    chalk.level = 1;
    try {
      const text = renderStats(busyStats(), 80);
      const line = text.split('\n').find((l) => l.includes(URL))!;
      expect(line).not.toContain('\u001B[2m');
    } finally {
      chalk.level = level;
    }
  });

  it('lists the domains at every width with "1 question" where there is one', () => {
    const data = {
      total: 1,
      domains: DOMAINS.map((d) => ({ id: d.id, title: d.title, weight: d.weight, questions: d.id === 1 ? 1 : 0, tasks: d.tasks.map((t) => ({ id: t.id, title: t.title, questions: 0 })) })),
    };
    for (const width of WIDTHS) {
      const text = renderDomains(data, width);
      expect(tooWide(text, width), `domains @${width}`).toEqual([]);
      expect(stripAnsi(text).replace(/\s+/g, ' ')).toMatch(/20% of the exam · 1 question 1\.1 /);
      expect(stripAnsi(text).replace(/\s+/g, ' ')).toContain('1 question in all.');
    }
  });

  it('wraps a problem under its position in a terminal, keeps it on one line when piped, and escapes bank text', () => {
    const problem = { file: 'questions/3-foundation-model-applications/3.1.yaml', line: 12, column: 5, path: 'questions[3].references[0]', message: 'question x\u001B]52;c;aGk=\u0007: the reference "http://example.com/a-rather-long-path/that/goes/on" must be an https:// URL' };
    for (const width of WIDTHS) {
      const text = renderProblem(problem, width);
      expect(tooWide(text, width)).toEqual([]);
      expect(text).not.toMatch(/[\u001B\u0007]/);
    }
    const piped = renderProblem(problem, undefined);
    expect(piped.split('\n')).toHaveLength(1);
    expect(piped).toContain('\\u{1B}]52;c;aGk=\\u{7}');
  });
});

describe('matching questions', () => {
  it('say "one matches nothing" for a single distractor and "some match nothing" for more', async () => {
    const { renderQuestion } = await import('../../src/cli/render.js');
    const { present } = await import('../../src/engine/present.js');
    const { seededRandom } = await import('../../src/engine/random.js');
    const { MINI_BANK } = await import('../helpers.js');
    const matching = loadBanks([MINI_BANK]).questions.find((q) => q.type === 'matching')!;
    expect(renderQuestion(present(matching, seededRandom(1)), 80)).toContain('Responses (one matches nothing):');
    const two = { ...matching, responses: [...(matching.type === 'matching' ? matching.responses : []), 'Amazon Lex'] };
    expect(renderQuestion(present(two, seededRandom(1)), 80)).toContain('Responses (some match nothing):');
    const exact = { ...matching, responses: matching.type === 'matching' ? matching.pairs.map((p) => p.answer) : [] };
    expect(renderQuestion(present(exact, seededRandom(1)), 80)).toContain('Responses:');
  });
});
