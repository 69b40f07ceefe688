import chalk from 'chalk';
import { computeStats, type AreaStats, type Stats } from '../../progress/stats.js';
import { loadQuestions, studyNotes, type BankOptions } from '../banks.js';
import { hint } from '../invocation.js';
import { openStore } from '../store.js';
import { terminalWidth } from '../terminal.js';
import { escapeText, safeJson } from '../escape.js';
import { predictionLine, renderReadiness } from '../render-readiness.js';
import { planFor } from '../../progress/plan.js';
import { renderPlan } from '../render-plan.js';
import { hang, joinFitting, padEnd, padStart, plural, wrap, wrapText } from '../text.js';

/** How ready the learner is, where they are weak, and what is coming up. */
export async function stats(options: BankOptions & { dataDir: string; json?: boolean }): Promise<void> {
  const questions = await loadQuestions(options);
  const progress = openStore(options.dataDir).load();
  const now = new Date();
  const data = computeStats(progress, questions, now);
  const plan = planFor(progress, questions, now);
  if (options.json) {
    // The plan sits beside the readiness it projects; null until an exam day is set.
    const { readiness, ...rest } = data;
    console.log(safeJson({ readiness, plan, ...rest }, 2));
    return;
  }
  const notes = studyNotes(options);
  if (plan) console.log(`${renderPlan(plan, terminalWidth()).join('\n')}\n`);
  console.log(renderStats(data, terminalWidth(), (objective) => notes.has(objective)));
}

export function bar(value: number, total: number, width: number): string {
  const filled = total > 0 ? Math.round((value / total) * width) : 0;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const SPARKS = '▁▂▃▄▅▆▇█';

function pct(n: number | null): string {
  return n === null ? '   -' : `${String(Math.round(n * 100)).padStart(3)}%`;
}

/** Column widths of the mastery table for a terminal width: the title column takes what is left. */
function tableLayout(width: number): { titleWidth: number; barWidth: number } {
  const barWidth = width >= 72 ? 12 : 0;
  // label 5, title, space, seen 7, space, right 5, two spaces, then the bar and 3 digits, or 5 for "Mast."
  const fixed = 5 + 1 + 7 + 1 + 5 + 2 + (barWidth ? barWidth + 1 + 3 : 5);
  return { titleWidth: Math.max(8, Math.min(40, width - fixed)), barWidth };
}

/** One row of the table; a long title wraps inside its column instead of being cut. */
function areaLines(a: AreaStats, label: string, layout: { titleWidth: number; barWidth: number }): string[] {
  const title = wrapText(escapeText(a.title), layout.titleWidth).split('\n');
  const mastered = layout.barWidth ? `${bar(a.mastered, a.total, layout.barWidth)} ${padStart(String(a.mastered), 3)}` : padStart(String(a.mastered), 5);
  const figures = `${padStart(`${a.seen}/${a.total}`, 7)} ${padStart(pct(a.accuracy), 5)}  ${mastered}`;
  return title.map((line, i) => (i === 0 ? `${padEnd(label, 5)}${padEnd(line, layout.titleWidth)} ${figures}` : `${' '.repeat(5)}${line}`));
}

/** A URL on a line of its own, indented when it fits, at column 0 when it does not. */
function urlLine(url: string, indent: string, width: number): string {
  const safe = escapeText(url);
  return safe.length + indent.length <= width ? indent + safe : safe;
}

export function renderStats(s: Stats, width: number, hasNote: (objective: string) => boolean = () => false): string {
  const out: string[] = [];
  out.push(...renderReadiness(s.readiness, width));
  const layout = tableLayout(width);
  const heading = `${padEnd('Area', 5)}${''.padEnd(layout.titleWidth)} ${padStart('Seen', 7)} ${padStart('Right', 5)}  ${layout.barWidth ? 'Mastered' : 'Mast.'}`;
  out.push('', chalk.bold(heading.trimEnd()));
  for (const d of s.domains) {
    out.push(...areaLines(d, d.id, layout).map((line) => chalk.bold(line)));
    for (const t of d.tasks) out.push(...areaLines(t, ` ${t.id}`, layout));
  }
  out.push(
    wrap(
      `Right: share of the questions seen whose latest answer was right. ${layout.barWidth ? 'Mastered' : 'Mast. (mastered)'}: right, not a guess, and scheduled a week or more ahead.`,
      width,
      '  ',
    ),
  );

  if (s.weakObjectives.length) {
    out.push('', chalk.bold('Weakest objectives'));
    // Each weak objective's study note is one command away.
    for (const o of s.weakObjectives) {
      const note = hasNote(o.objective) ? ` · study note: ${hint(`learn ${o.objective}`)}` : '';
      out.push(hang(`  ${o.objective.padEnd(11)} `, `${pct(o.accuracy).trim()} right of ${o.answered} answered${note}`, width));
    }
  }
  if (s.commonMistakes.length) {
    out.push('', chalk.bold('Wrong answers you pick most often'));
    for (const m of s.commonMistakes) {
      out.push(hang(`  ${m.times}× `, `"${escapeText(m.picked)}" where "${escapeText(m.correct)}" was right (${escapeText(m.question)})`, width));
    }
  }
  if (s.leeches.length) {
    out.push('', chalk.bold(wrap('Leeches (missed 4 times or more): read the reference first', width)));
    for (const l of s.leeches) out.push(wrap(`${escapeText(l.question)} (${plural(l.misses, 'miss', 'misses')})`, width, '  '), urlLine(l.reference, '    ', width));
  }

  const c = s.calibration;
  if (c.sure.answered + c.unsure.answered + c.guessed.answered > 0) {
    const rate = (t: { answered: number; correct: number }) => (t.answered ? `${Math.round((100 * t.correct) / t.answered)}% right of ${t.answered}` : 'none');
    out.push('', chalk.bold('Calibration'));
    out.push(joinFitting([`sure: ${rate(c.sure)}`, `unsure: ${rate(c.unsure)}`, `guessed: ${rate(c.guessed)}`], ' · ', width, '  '));
    out.push(wrap(`Lucky guesses (right, but guessed; never counted as mastered): ${c.luckyGuesses}`, width, '  '));
  }

  out.push('', chalk.bold('Pacing'));
  out.push(
    s.pacing.medianSeconds === null
      ? '  Not enough answers yet.'
      : wrap(
          `Median ${Math.round(s.pacing.medianSeconds)} s per question; the exam allows about ${s.pacing.budgetSeconds} s${s.pacing.medianSeconds > s.pacing.budgetSeconds ? chalk.yellow(' (too slow for the exam)') : ''}.`,
          width,
          '  ',
        ),
  );

  const most = Math.max(1, ...s.days.map((d) => d.answered));
  const spark = s.days.map((d) => (d.answered ? SPARKS[Math.min(7, Math.floor((d.answered / most) * 7.999))] : ' ')).join('');
  const total = s.days.reduce((n, d) => n + d.answered, 0);
  out.push('', chalk.bold('Last 14 days'), joinFitting(['answers per day', `${s.days[0]!.date.slice(5)} │${spark}│ today`, plural(total, 'answer')], ' · ', width, '  '));
  if (s.exams.length) {
    out.push(chalk.bold('  Mock exams'));
    const examBar = width >= 60 ? 20 : Math.max(0, width - 40);
    for (const e of s.exams.slice(-8)) {
      out.push(`  ${e.at.slice(0, 10)} ${examBar ? `${bar(e.scaled - 100, 900, examBar)} ` : ''}${padStart(String(e.scaled), 4)} ${e.passed ? chalk.green('pass') : chalk.red('fail')} (${e.correct}/${e.total})`);
      if (e.predicted) out.push(predictionLine(e.predicted, e.scaled, width));
    }
  }

  out.push('', chalk.bold('Due for review, next 7 days'));
  out.push(joinFitting(s.dueForecast.map((d, i) => `${i === 0 ? 'today' : d.date.slice(5)}: ${d.due}`), ' · ', width, '  '));
  return out.join('\n');
}
