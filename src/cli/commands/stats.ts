import chalk from 'chalk';
import { EXAM } from '../../engine/exam.js';
import { computeStats, type AreaStats, type Stats } from '../../progress/stats.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { openStore } from '../store.js';
import { terminalWidth } from '../terminal.js';
import { wrap } from '../text.js';

/** How ready the learner is, where they are weak, and what is coming up. */
export async function stats(options: BankOptions & { dataDir: string; json?: boolean }): Promise<void> {
  const questions = await loadQuestions(options);
  const progress = openStore(options.dataDir).load();
  const data = computeStats(progress, questions, new Date());
  if (options.json) {
    console.log(JSON.stringify(data, null, 2));
    return;
  }
  console.log(renderStats(data, terminalWidth()));
}

export function bar(value: number, total: number, width: number): string {
  const filled = total > 0 ? Math.round((value / total) * width) : 0;
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

const SPARKS = '▁▂▃▄▅▆▇█';

function pct(n: number | null): string {
  return n === null ? '   -' : `${String(Math.round(n * 100)).padStart(3)}%`;
}

function areaLine(a: AreaStats, label: string, titleWidth: number): string {
  const title = a.title.length > titleWidth ? `${a.title.slice(0, titleWidth - 1)}…` : a.title.padEnd(titleWidth);
  return `${label.padEnd(5)}${title} ${`${a.seen}/${a.total}`.padStart(7)} ${pct(a.accuracy)}  ${bar(a.mastered, a.total, 12)} ${String(a.mastered).padStart(3)}`;
}

export function renderStats(s: Stats, width: number): string {
  const out: string[] = [];
  const r = s.readiness;
  if (r.estimate === null) {
    out.push(chalk.bold('Readiness: not enough data yet.') + ' Practise a few questions first: aif-quiz practice');
  } else {
    const verdict = r.passing ? chalk.green('on track to pass') : chalk.yellow('not yet at the pass mark');
    out.push(`${chalk.bold(`Readiness: ${r.estimate}`)} of 1,000 (estimate; pass mark ${EXAM.passingScore})`);
    out.push(`  ${verdict} · based on ${r.basedOn} questions answered`);
    if (r.unpractisedDomains.length) out.push(chalk.yellow(`  Not practised yet (counted as 0): domain ${r.unpractisedDomains.join(', ')}`));
    out.push(chalk.dim(wrap(r.note, width, '  ')));
  }

  const titleWidth = Math.max(20, Math.min(40, width - 40));
  out.push('', chalk.bold(`${'Area'.padEnd(5)}${''.padEnd(titleWidth)} ${'Seen'.padStart(7)} Right  Mastered`));
  for (const d of s.domains) {
    out.push(chalk.bold(areaLine(d, d.id, titleWidth)));
    for (const t of d.tasks) out.push(areaLine(t, ` ${t.id}`, titleWidth));
  }
  out.push(chalk.dim(wrap('Right: share of the questions seen whose latest answer was right. Mastered: right, not a guess, and scheduled a week or more ahead.', width, '  ')));

  if (s.weakObjectives.length) {
    out.push('', chalk.bold('Weakest objectives'));
    for (const o of s.weakObjectives) out.push(`  ${o.objective.padEnd(11)} ${pct(o.accuracy)} right of ${o.answered} answered`);
  }
  if (s.commonMistakes.length) {
    out.push('', chalk.bold('Wrong answers you pick most often'));
    for (const m of s.commonMistakes) out.push(wrap(`${m.times}× "${m.picked}" where "${m.correct}" was right (${m.question})`, width, '  '));
  }
  if (s.leeches.length) {
    out.push('', chalk.bold('Leeches (missed 4 times or more): read the reference first'));
    for (const l of s.leeches) out.push(`  ${l.question} (${l.misses} misses)`, chalk.dim(`    ${l.reference}`));
  }

  const c = s.calibration;
  if (c.sure.answered + c.unsure.answered + c.guessed.answered > 0) {
    const rate = (t: { answered: number; correct: number }) => (t.answered ? `${Math.round((100 * t.correct) / t.answered)}% right of ${t.answered}` : 'none');
    out.push('', chalk.bold('Calibration'));
    out.push(`  sure: ${rate(c.sure)} · unsure: ${rate(c.unsure)} · guessed: ${rate(c.guessed)}`);
    out.push(`  Lucky guesses (right, but guessed; never counted as mastered): ${c.luckyGuesses}`);
  }

  out.push('', chalk.bold('Pacing'));
  out.push(
    s.pacing.medianSeconds === null
      ? '  Not enough answers yet.'
      : `  Median ${Math.round(s.pacing.medianSeconds)} s per question; the exam allows about ${s.pacing.budgetSeconds} s${s.pacing.medianSeconds > s.pacing.budgetSeconds ? chalk.yellow(' (too slow for the exam)') : ''}.`,
  );

  const most = Math.max(1, ...s.days.map((d) => d.answered));
  const spark = s.days.map((d) => (d.answered ? SPARKS[Math.min(7, Math.floor((d.answered / most) * 7.999))] : ' ')).join('');
  const total = s.days.reduce((n, d) => n + d.answered, 0);
  out.push('', chalk.bold('Last 14 days'), `  answers per day ${s.days[0]!.date.slice(5)} │${spark}│ today · ${total} answers`);
  if (s.exams.length) {
    out.push(chalk.bold('  Mock exams'));
    for (const e of s.exams.slice(-8)) {
      out.push(`  ${e.at.slice(0, 10)} ${bar(e.scaled - 100, 900, 20)} ${String(e.scaled).padStart(4)} ${e.passed ? chalk.green('pass') : chalk.red('fail')} (${e.correct}/${e.total})`);
    }
  }

  out.push('', chalk.bold('Due for review, next 7 days'));
  out.push(wrap(s.dueForecast.map((d, i) => `${i === 0 ? 'today' : d.date.slice(5)}: ${d.due}`).join(' · '), width, '  '));
  return out.join('\n');
}
