import chalk from 'chalk';
import { EXAM } from '../engine/exam.js';
import type { ReadinessSummary } from '../progress/readiness.js';
import type { Prediction } from '../progress/schema.js';
import { hang, plural, wrap } from './text.js';

const LOW = 100;
const HIGH = 1000;

/** Where a score falls on a bar of `cells` cells spanning 100-1,000. */
function cell(score: number, cells: number): number {
  return Math.max(0, Math.min(cells - 1, Math.round(((score - LOW) / (HIGH - LOW)) * (cells - 1))));
}

/**
 * The 80% range as a bar over the whole scale: █ inside the range, ░ outside, │ at the pass mark
 * (┃ when the pass mark falls inside the range).
 */
export function rangeBar(low: number, high: number, cells: number): string {
  const from = cell(low, cells);
  const to = cell(high, cells);
  const pass = cell(EXAM.passingScore, cells);
  let out = '';
  for (let i = 0; i < cells; i++) {
    if (i === pass) out += i >= from && i <= to ? '┃' : '│';
    else out += i >= from && i <= to ? '█' : '░';
  }
  return out;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** A chance as a percentage that never claims certainty: "over 99%", "under 1%". */
export function chanceText(x: number): string {
  return x >= 0.995 ? 'over 99%' : x < 0.005 ? 'under 1%' : percent(x);
}

function listOf(items: readonly (string | number)[]): string {
  const words = items.map(String);
  return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

/** The readiness block of `stats`: the expected score, the range bar, the chance of 700, the thin domains. */
export function renderReadiness(r: ReadinessSummary, width: number, heading = 'Readiness if you sat the exam today'): string[] {
  const out: string[] = [];
  const thin = r.domains.filter((d) => !d.enoughEvidence).map((d) => d.domain);
  // Below the minimum evidence the range is the answer, not a number inside it that looks sure.
  const headline = !r.enoughEvidence ? `between ${r.range.low} and ${r.range.high} of 1,000 (too few answers for one number)` : `about ${r.expected} of 1,000`;
  out.push(hang(chalk.bold(`${heading}: `), headline, width));
  const cells = Math.max(10, Math.min(40, width - 11));
  out.push(`  ${LOW} ${rangeBar(r.range.low, r.range.high, cells)} ${HIGH}`);
  out.push(wrap(`80% range ${r.range.low}-${r.range.high} · chance of ${EXAM.passingScore} or more: ${chanceText(r.passProbability)}${r.enoughEvidence ? '' : ' (rough)'} · from ${plural(r.answers, 'answer')}`, width, '  '));
  if (r.answers === 0) out.push(chalk.yellow(wrap('No answers yet: this is what "unknown" looks like. Practise each domain to narrow it.', width, '  ')));
  else if (thin.length) {
    out.push(
      chalk.yellow(
        wrap(
          `Not enough evidence in domain${thin.length > 1 ? 's' : ''} ${listOf(thin)} (fewer than ${r.minimumAnswers} answers): the range stays wide until you practise ${thin.length > 1 ? 'them' : 'it'}.`,
          width,
          '  ',
        ),
      ),
    );
  }
  out.push(wrap(r.note, width, '  '));
  out.push('', chalk.bold('Evidence by domain'));
  for (const d of r.domains) {
    const flag = d.enoughEvidence ? '' : chalk.yellow(' · not enough evidence');
    out.push(hang(`  Domain ${d.domain}: `, `${plural(d.answers, 'answer')}, likely ${percent(d.shareRange.low)}-${percent(d.shareRange.high)} right${flag}`, width));
  }
  return out;
}

/** Where a mock exam's result fell against what was predicted before it, as one sentence. */
export function predictionText(p: Prediction, scaled: number): string {
  const where = scaled < p.low ? chalk.yellow('below the range') : scaled > p.high ? chalk.yellow('above the range') : chalk.green('within the range');
  return `${p.low}-${p.high} (about ${p.expected}, ${percent(p.passProbability)} to pass): ${where}`;
}

/** The same under a past exam in `stats`. */
export function predictionLine(p: Prediction, scaled: number, width: number): string {
  return wrap(`predicted ${predictionText(p, scaled)}`, width, '    ');
}
