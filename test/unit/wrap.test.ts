import chalk from 'chalk';
import stringWidth from 'string-width';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadBanks } from '../../src/bank/load.js';
import type { Answer, Question } from '../../src/bank/question.js';
import { escapeText } from '../../src/cli/escape.js';
import { renderFeedback, renderHeader, renderQuestion, renderYourAnswer, stripAnsi } from '../../src/cli/render.js';
import { hang, isUnbreakableLine, joinFitting, menuItem, wrap, wrapText } from '../../src/cli/text.js';
import { keyOf } from '../../src/engine/grade.js';
import { present } from '../../src/engine/present.js';
import { seededRandom } from '../../src/engine/random.js';
import { shippedBanksDir } from '../../src/paths.js';

const WIDTHS = [40, 60, 80, 120] as const;

/** Every line fits, except a lone word or URL wider than the whole width, at column 0. */
function overflowing(text: string, width: number): string[] {
  return stripAnsi(text)
    .split('\n')
    .filter((line) => stringWidth(line) > width && !isUnbreakableLine(line, width));
}

const normal = (text: string) => stripAnsi(text).replace(/│/g, ' ').replace(/\s+/g, ' ').trim();

describe('wrapText', () => {
  const prose = 'Amazon Bedrock is a fully managed service that offers a choice of foundation models through a single API, with security and privacy built in.';

  it('never exceeds the width and never breaks a word', () => {
    for (const width of [20, 33, 40, 61]) {
      const out = wrap(prose, width);
      expect(overflowing(out, width)).toEqual([]);
      expect(normal(out)).toBe(prose);
    }
  });

  it('subtracts the label and hangs the following lines under the text', () => {
    const out = hang('Why: ', prose, 40).split('\n');
    expect(out[0]).toMatch(/^Why: Amazon/);
    for (const line of out.slice(1)) expect(line).toMatch(/^ {5}\S/);
    expect(Math.max(...out.map((l) => stringWidth(l)))).toBeLessThanOrEqual(40);
  });

  it('counts colour codes and wide characters as the terminal shows them', () => {
    const out = wrapText(`${prose} 日本語のテキスト 日本語のテキスト`, 30, { indent: chalk.dim('│ '), label: chalk.bold('A) ') });
    expect(overflowing(out, 30)).toEqual([]);
    expect(stripAnsi(out).split('\n')[1]).toMatch(/^│ {4}\S/);
  });

  it('keeps paragraphs and list items, and reflows soft line breaks', () => {
    const text = 'The results are:\n  - Actual fraud, predicted fraud: 80\n  - Actual legitimate,\n    predicted fraud: 20\nWhat is the\nprecision?\n\nSecond paragraph:\n1. one\n   more of one\n2. two';
    expect(wrap(text, 80)).toBe(
      'The results are:\n  - Actual fraud, predicted fraud: 80\n  - Actual legitimate, predicted fraud: 20\nWhat is the precision?\n\n' +
        'Second paragraph:\n1. one more of one\n2. two',
    );
    expect(wrap('  - a list item that is long enough to wrap', 20)).toBe('  - a list item that\n    is long enough\n    to wrap');
  });

  it('keeps a line break marked with a trailing backslash or two spaces', () => {
    expect(wrap('Line one\\\nline two  \nline three', 80)).toBe('Line one\nline two\nline three');
  });

  it('puts a URL longer than the room on a line of its own, unbroken', () => {
    const url = 'https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-components.html';
    const out = hang('Reference: ', `see ${url} for more`, 40).split('\n');
    expect(out).toEqual(['Reference: see', url, '           for more']);
    expect(isUnbreakableLine(url, 40)).toBe(true);
  });

  it('prints blank paragraph lines with the quote bar but no trailing space', () => {
    expect(wrapText('one\n\ntwo', 40, { indent: '│ ' })).toBe('│ one\n│\n│ two');
  });

  it('joins short parts, breaking only between them', () => {
    expect(joinFitting(['Question 12/65', 'Domain 3', 'Task 3.1', 'multiple response'], ' · ', 40)).toBe(
      'Question 12/65 · Domain 3 · Task 3.1\nmultiple response',
    );
  });

  it('gives menu items continuation lines that line up past the cursor', () => {
    const out = menuItem(prose, 40, { label: 'B) ' }).split('\n');
    expect(out[0]).toMatch(/^B\) Amazon/);
    for (const line of out.slice(1)) expect(line).toMatch(/^ {5}\S/);
    expect(stringWidth(out[0]!) + 2).toBeLessThanOrEqual(40);
    for (const line of out.slice(1)) expect(stringWidth(line)).toBeLessThanOrEqual(40);
  });
});

/** Every text field of a question, as the learner should see it whole somewhere on a screen. */
function fields(q: Question): string[] {
  const out = [q.stem, q.explanation, ...q.references];
  if (q.scenario) out.push(q.scenario.title, q.scenario.text);
  if (q.type === 'single' || q.type === 'multiple') for (const o of q.options) out.push(o.text, ...(o.why ? [o.why] : []));
  if (q.type === 'ordering') out.push(...q.steps, ...(q.stepWhys ?? []).filter((w): w is string => !!w));
  if (q.type === 'matching') for (const p of q.pairs) out.push(p.prompt, p.answer, ...(p.why ? [p.why] : []));
  return out.map(escapeText);
}

function wrongAnswer(q: Question): Answer {
  switch (q.type) {
    case 'single':
      return { type: 'single', choice: q.options.findIndex((o) => !o.correct) };
    case 'multiple':
      return { type: 'multiple', choices: q.options.flatMap((o, i) => (o.correct ? [] : [i])).slice(0, 2) };
    case 'ordering':
      return { type: 'ordering', order: q.steps.map((_, i) => q.steps.length - 1 - i) };
    case 'matching':
      return { type: 'matching', picks: q.pairs.map(() => q.responses.at(-1)!) };
  }
}

describe('every screen of every shipped question', () => {
  let questions: readonly Question[] = [];
  beforeAll(() => {
    const result = loadBanks([shippedBanksDir()]);
    expect(result.problems).toEqual([]);
    questions = result.questions;
    chalk.level = 1;
  });

  it('fits 40, 60, 80 and 120 columns without breaking a word or a URL', () => {
    expect(questions.length).toBeGreaterThan(100);
    const failures: string[] = [];
    for (const q of questions) {
      const p = present(q, seededRandom(7));
      const screens = (width: number) => [
        renderHeader(12, 65, q, width),
        renderQuestion(p, width),
        renderFeedback(p, keyOf(q), true, width),
        renderFeedback(p, wrongAnswer(q), false, width),
        renderFeedback(p, undefined, false, width),
        renderYourAnswer(p, wrongAnswer(q), width),
      ];
      for (const width of WIDTHS) {
        const shown = screens(width);
        for (const line of shown.flatMap((s) => overflowing(s, width))) failures.push(`${q.id} @${width}: ${line}`);
        const all = normal(shown.join('\n'));
        for (const field of fields(q)) {
          if (!all.includes(normal(field))) failures.push(`${q.id} @${width}: "${field.slice(0, 40)}…" is not shown whole`);
        }
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Thousands of screens: a few seconds alone, longer on a busy machine.
  }, 180_000);
});

describe('bank text on screen', () => {
  const payloads = ['\u001B[2J', '\u001B]8;;https://evil.example\u0007link\u001B]8;;\u0007', '\u001B]52;c;aGk=\u0007', '\u009B31m', '\u0007', '\u202Eevil', 'zero\u200Bwidth'];
  const hostile = (n: number) => `text ${payloads[n % payloads.length]} end`;
  const scenario = { id: 'cs', title: hostile(0), text: hostile(1) };
  const base = { domain: 1, task: '1.1', tags: [], stem: hostile(2), explanation: hostile(3), references: [`https://x.example/${hostile(4)}`], source: { file: 'x.yaml', line: 1 }, scenario };
  const questions: Question[] = [
    { ...base, id: 'h-single', type: 'single', options: [0, 1, 2, 3].map((i) => ({ text: hostile(i), correct: i === 0, why: hostile(i + 1) })) },
    { ...base, id: 'h-multiple', type: 'multiple', options: [0, 1, 2, 3, 4].map((i) => ({ text: hostile(i + 2), correct: i < 2, why: hostile(i) })) },
    { ...base, id: 'h-ordering', type: 'ordering', steps: [0, 1, 2].map((i) => `${i} ${hostile(i)}`), stepWhys: [0, 1, 2].map(hostile) },
    { ...base, id: 'h-matching', type: 'matching', pairs: [0, 1, 2].map((i) => ({ prompt: `${i} ${hostile(i)}`, answer: `${i} ${hostile(i + 3)}`, why: hostile(i + 5) })), responses: [0, 1, 2, 3].map((i) => `${i} ${hostile(i + 3)}`) },
  ];

  it('passes every string through escapeText: no control, bidi or zero-width character reaches the terminal', () => {
    const level = chalk.level;
    chalk.level = 0;
    try {
      for (const q of questions) {
        const p = present(q, seededRandom(3));
        const shown = [renderHeader(1, 4, q, 60), renderQuestion(p, 60), renderFeedback(p, wrongAnswer(q), false, 60), renderFeedback(p, keyOf(q), true, 60), renderYourAnswer(p, wrongAnswer(q), 60)].join('\n');
        expect(shown, q.id).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/);
        expect(shown).toContain('\\u{1B}');
      }
    } finally {
      chalk.level = level;
    }
  });
});
