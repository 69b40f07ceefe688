import chalk from 'chalk';
import type { Answer, Question } from '../bank/question.js';
import type { Presentation } from '../engine/present.js';
import { percent, type SessionScore } from '../engine/score.js';
import { findTask } from '../bank/catalogue.js';
import { hang, LETTERS, wrap } from './text.js';

/**
 * Everything the quiz prints, as strings. Meaning never rests on colour alone: right and wrong
 * also carry a symbol and a word, so the output reads the same with NO_COLOR.
 */

export const MARK = { right: '✔', wrong: '✘' } as const;

export function renderHeader(position: number, total: number, question: Question): string {
  const parts = [`Question ${position}/${total}`, `Domain ${question.domain}`, `Task ${question.task}`];
  if (question.type === 'multiple') parts.push('multiple response');
  if (question.type === 'ordering') parts.push('ordering');
  if (question.type === 'matching') parts.push('matching');
  return chalk.bold.cyan(parts.join(' · '));
}

export function renderQuestion(p: Presentation, width: number): string {
  const q = p.question;
  const out: string[] = [];
  if (q.scenario) {
    out.push(chalk.bold(`Case study: ${q.scenario.title}`), wrap(q.scenario.text, width, chalk.dim('│ ')), '');
  }
  out.push(wrap(q.stem, width));
  if (q.type === 'ordering') {
    out.push('', chalk.dim('Steps, in no particular order:'));
    for (const index of p.order) out.push(hang('  - ', q.steps[index]!, width));
  }
  if (q.type === 'matching') {
    out.push('', chalk.dim('Prompts:'));
    q.pairs.forEach((pair, i) => out.push(hang(`  ${i + 1}. `, pair.prompt, width)));
    const unique = new Set(q.pairs.map((pair) => pair.answer)).size;
    const note = p.responses.length > unique ? ' (some match nothing)' : unique < q.pairs.length ? ' (some are used more than once)' : '';
    out.push(chalk.dim(`Responses${note}:`));
    for (const r of p.responses) out.push(hang('  - ', r, width));
  }
  return out.join('\n');
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
        const text = option.text + (tags.length ? chalk.dim(` (${tags.join(', ')})`) : '');
        out.push(hang(label, text, width));
        if (option.why) out.push(chalk.dim(wrap(option.why, width, '     ')));
      });
      break;
    }
    case 'ordering': {
      const given = answer?.type === 'ordering' ? answer.order : [];
      out.push('Correct order:');
      q.steps.forEach((step, i) => {
        const ok = given[i] === i;
        out.push(hang(`  ${ok ? chalk.green(MARK.right) : chalk.red(MARK.wrong)} ${i + 1}. `, step, width));
      });
      if (!correct && given.length > 0) {
        out.push(chalk.dim('Your order:'));
        given.forEach((step, i) => out.push(chalk.dim(hang(`     ${i + 1}. `, q.steps[step]!, width))));
      }
      break;
    }
    case 'matching': {
      const picks = answer?.type === 'matching' ? answer.picks : [];
      q.pairs.forEach((pair, i) => {
        const ok = picks[i] === pair.answer;
        const mark = ok ? chalk.green(MARK.right) : chalk.red(MARK.wrong);
        const yours = ok ? '' : chalk.dim(` (you chose: ${picks[i] ?? 'nothing'})`);
        out.push(hang(`  ${mark} `, `${pair.prompt} → ${pair.answer}${yours}`, width));
      });
      break;
    }
  }
  out.push('', chalk.bold('Why: ') + wrap(q.explanation, width).trimStart());
  out.push(chalk.dim(`Reference: ${q.references.join('\n           ')}`));
  return out.join('\n');
}

export function renderSummary(score: SessionScore, width: number): string {
  const pct = percent(score.correct, score.total);
  const out = [chalk.bold(`Score: ${score.correct}/${score.total} (${pct}%)`), ''];
  out.push(chalk.dim('By task statement:'));
  for (const t of score.byTask) {
    const title = findTask(t.key)?.title ?? '';
    const line = `  ${t.key}  ${String(t.correct).padStart(2)}/${String(t.total).padEnd(2)} ${String(percent(t.correct, t.total)).padStart(3)}%  ${title}`;
    out.push(line.length > width ? `${line.slice(0, width - 1)}…` : line);
  }
  return out.join('\n');
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-9;]*m/g;
export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** A short, display-order description of an answer ("B, D"), for the exam's question screen. */
export function describeAnswer(p: Presentation, answer: Answer): string {
  switch (answer.type) {
    case 'single':
      return LETTERS[p.order.indexOf(answer.choice)] ?? '?';
    case 'multiple':
      return answer.choices.map((c) => LETTERS[p.order.indexOf(c)] ?? '?').sort().join(', ');
    case 'ordering': {
      const steps = p.question.type === 'ordering' ? p.question.steps : [];
      return answer.order.map((i, n) => `${n + 1}. ${steps[i]}`).join('  ');
    }
    case 'matching': {
      const pairs = p.question.type === 'matching' ? p.question.pairs : [];
      return pairs.map((pair, i) => `${pair.prompt} → ${answer.picks[i]}`).join('; ');
    }
  }
}
