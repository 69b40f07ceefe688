import chalk from 'chalk';
import type { Answer, Question } from '../bank/question.js';
import type { Presentation } from '../engine/present.js';
import { percent, type SessionScore } from '../engine/score.js';
import { renderStatusNotes } from './render-status.js';
import { findTask } from '../bank/catalogue.js';
import { escapeText } from './escape.js';
import { terminalWidth } from './terminal.js';
import { hang, joinFitting, LETTERS, padStart, widthOf, wrap, wrapText } from './text.js';

/**
 * Everything the quiz prints, as strings. Meaning never rests on colour alone: right and wrong
 * also carry a symbol and a word, so the output reads the same with NO_COLOR. Every string that
 * came from a bank passes `escapeText` before it is laid out, and every line goes through the
 * wrapping in text.ts, so each function here returns lines no wider than `width`.
 * The functions are pure and return whole blocks, so screens can be composed from them.
 */

export const MARK = { right: '✔', wrong: '✘' } as const;

/** Bank text made safe to print. */
const safe = escapeText;

/** The line above a question; without a width it fits the terminal it is printed to. */
export function renderHeader(position: number, total: number, question: Question, width = terminalWidth()): string {
  const parts = [`Question ${position}/${total}`, `Domain ${question.domain}`, `Task ${safe(question.task)}`];
  if (question.type === 'multiple') parts.push('multiple response');
  if (question.type === 'ordering') parts.push('ordering');
  if (question.type === 'matching') parts.push('matching');
  return chalk.bold.cyan(joinFitting(parts, ' · ', width));
}

/** The case study a question belongs to: its title, then its text behind a quote bar. */
export function renderScenario(question: Question, width: number): string {
  if (!question.scenario) return '';
  return [
    chalk.bold(hang('Case study: ', safe(question.scenario.title), width)),
    wrapText(safe(question.scenario.text), width, { indent: chalk.dim('│ ') }),
  ].join('\n');
}

/** A matching question's note on its responses, or '' when each response fits exactly one prompt. */
export function responsesNote(question: Question, responses: readonly string[]): string {
  if (question.type !== 'matching') return '';
  const unique = new Set(question.pairs.map((pair) => pair.answer)).size;
  const unused = responses.length - unique;
  const notes = [
    unused === 1 ? 'one matches nothing' : unused > 1 ? 'some match nothing' : '',
    unique < question.pairs.length ? 'some are used more than once' : '',
  ].filter(Boolean);
  return notes.length ? ` (${notes.join('; ')})` : '';
}

export function renderQuestion(p: Presentation, width: number): string {
  const q = p.question;
  const out: string[] = [];
  if (q.scenario) out.push(renderScenario(q, width), '');
  out.push(wrap(safe(q.stem), width));
  if (q.type === 'ordering') {
    out.push('', chalk.dim(wrap('Steps, in no particular order:', width)));
    for (const index of p.order) out.push(hang('  - ', safe(q.steps[index]!), width));
  }
  if (q.type === 'matching') {
    out.push('', chalk.dim('Prompts:'));
    q.pairs.forEach((pair, i) => out.push(hang(`  ${i + 1}. `, safe(pair.prompt), width)));
    out.push(chalk.dim(wrap(`Responses${responsesNote(q, p.responses)}:`, width)));
    for (const r of p.responses) out.push(hang('  - ', safe(r), width));
  }
  return out.join('\n');
}

/** The question's explanation behind a "Why:" label, and its references, in normal weight. */
export function renderExplanation(question: Question, width: number): string {
  return [hang(chalk.bold('Why: '), safe(question.explanation), width), renderStatusNotes(question, width), renderReferences(question.references, width)]
    .filter(Boolean)
    .join('\n');
}

/**
 * References, each on a line of its own. A URL is never broken: one that does not fit after the
 * label goes on the next line, and one wider than the whole width stands alone at column 0.
 */
export function renderReferences(references: readonly string[], width: number): string {
  const urls = references.map(safe);
  const label = urls.length === 1 ? 'Reference: ' : 'References:';
  if (urls.length === 1 && widthOf(label + urls[0]!) <= width) return `${label}${urls[0]}`;
  // All at one column: indented when every one fits there, else all at column 0.
  const margin = urls.every((url) => widthOf(url) + 2 <= width) ? '  ' : '';
  return [label.trimEnd(), ...urls.map((url) => margin + url)].join('\n');
}

export function renderFeedback(p: Presentation, answer: Answer | undefined, correct: boolean, width: number): string {
  const q = p.question;
  const out: string[] = [
    correct ? chalk.green.bold(`${MARK.right} Correct`)
    : answer ? chalk.red.bold(`${MARK.wrong} Incorrect`)
    : chalk.red.bold(`${MARK.wrong} Not answered`),
    '',
  ];
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const picked = new Set(answer?.type === 'single' ? [answer.choice] : answer?.type === 'multiple' ? answer.choices : []);
      p.order.forEach((index, shown) => {
        const option = q.options[index]!;
        const mark = option.correct ? chalk.green(MARK.right) : picked.has(index) ? chalk.red(MARK.wrong) : ' ';
        const tags = [option.correct ? 'correct' : '', picked.has(index) ? 'your answer' : ''].filter(Boolean);
        const label = `${mark} ${LETTERS[shown]}) `;
        const text = safe(option.text) + (tags.length ? chalk.dim(` (${tags.join(', ')})`) : '');
        out.push(hang(label, text, width));
        // The why sits two columns further in than the option, so the two read apart without dim text.
        if (option.why) out.push(wrap(safe(option.why), width, ' '.repeat(widthOf(label) + 2)));
      });
      break;
    }
    case 'ordering': {
      const given = answer?.type === 'ordering' ? answer.order : [];
      out.push('Correct order:');
      q.steps.forEach((step, i) => {
        const ok = given[i] === i;
        const label = `  ${ok ? chalk.green(MARK.right) : chalk.red(MARK.wrong)} ${i + 1}. `;
        out.push(hang(label, safe(step), width));
        const why = q.stepWhys?.[i];
        if (why) out.push(wrap(safe(why), width, ' '.repeat(widthOf(label) + 2)));
      });
      if (!correct && given.length > 0) {
        out.push('Your order:');
        given.forEach((step, i) => out.push(hang(`     ${i + 1}. `, safe(q.steps[step]!), width)));
      }
      break;
    }
    case 'matching': {
      const picks = answer?.type === 'matching' ? answer.picks : [];
      q.pairs.forEach((pair, i) => {
        const ok = picks[i] === pair.answer;
        const mark = ok ? chalk.green(MARK.right) : chalk.red(MARK.wrong);
        const yours = ok ? '' : chalk.dim(` (you chose: ${picks[i] === undefined ? 'nothing' : safe(picks[i])})`);
        const label = `  ${mark} `;
        const under = ' '.repeat(widthOf(label));
        out.push(hang(label, safe(pair.prompt), width), hang('→ ', `${safe(pair.answer)}${yours}`, width, under));
        if (pair.why) out.push(wrap(safe(pair.why), width, `${under}  `));
      });
      break;
    }
  }
  out.push('', renderExplanation(q, width));
  return out.join('\n');
}

/**
 * The learner's answer in full, for screens that show it without grading it (the mock exam):
 * the letters with their option texts, the steps in the given order, each prompt with its pick.
 */
export function renderYourAnswer(p: Presentation, answer: Answer, width: number, label = 'Your answer: '): string {
  const q = p.question;
  const pad = ' '.repeat(widthOf(label));
  const items: string[] = [];
  switch (answer.type) {
    case 'single':
    case 'multiple': {
      if (q.type !== 'single' && q.type !== 'multiple') break;
      const choices = answer.type === 'single' ? [answer.choice] : answer.choices;
      const shown = choices.map((c) => p.order.indexOf(c)).sort((a, b) => a - b);
      for (const s of shown) items.push(hang(`${LETTERS[s] ?? '?'}) `, safe(q.options[p.order[s]!]?.text ?? ''), width, pad));
      break;
    }
    case 'ordering':
      if (q.type !== 'ordering') break;
      answer.order.forEach((step, n) => items.push(hang(`${n + 1}. `, safe(q.steps[step] ?? ''), width, pad)));
      break;
    case 'matching':
      if (q.type !== 'matching') break;
      q.pairs.forEach((pair, i) => {
        const pick = answer.picks[i];
        items.push(hang('- ', `${safe(pair.prompt)} → ${pick === undefined ? 'nothing' : safe(pick)}`, width, pad));
      });
      break;
  }
  if (items.length === 0) return label.trimEnd();
  // The first item goes on the label's line.
  items[0] = label + items[0]!.slice(pad.length);
  return items.join('\n');
}

export function renderSummary(score: SessionScore, width: number): string {
  const pct = percent(score.correct, score.total);
  const out = [chalk.bold(`Score: ${score.correct}/${score.total} (${pct}%)`), ''];
  out.push(chalk.dim('By task statement:'));
  for (const t of score.byTask) {
    const title = findTask(t.key)?.title ?? '';
    const label = `  ${t.key}  ${padStart(String(t.correct), 2)}/${String(t.total).padEnd(2)} ${padStart(String(percent(t.correct, t.total)), 3)}%  `;
    out.push(hang(label, title, width));
  }
  return out.join('\n');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A short, display-order description of an answer ("B, D"), for one-line summaries. */
export function describeAnswer(p: Presentation, answer: Answer): string {
  switch (answer.type) {
    case 'single':
      return LETTERS[p.order.indexOf(answer.choice)] ?? '?';
    case 'multiple':
      return answer.choices.map((c) => LETTERS[p.order.indexOf(c)] ?? '?').sort().join(', ');
    case 'ordering': {
      const steps = p.question.type === 'ordering' ? p.question.steps : [];
      return answer.order.map((i, n) => `${n + 1}. ${safe(steps[i] ?? '')}`).join('  ');
    }
    case 'matching': {
      const pairs = p.question.type === 'matching' ? p.question.pairs : [];
      return pairs.map((pair, i) => `${safe(pair.prompt)} → ${safe(answer.picks[i] ?? 'nothing')}`).join('; ');
    }
  }
}
