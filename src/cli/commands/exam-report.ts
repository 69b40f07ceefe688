import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import { BUDGET_SECONDS, EXAM, formatClock, SCALED_NOTE, type ExamReport } from '../../engine/exam.js';
import { percent } from '../../engine/score.js';
import type { ExamRecord } from '../../progress/schema.js';
import { wrap } from '../text.js';

export function renderExamReport(report: ExamReport, width: number): string {
  const verdict = report.passed ? chalk.green.bold('PASS') : chalk.red.bold('FAIL');
  const out = [
    chalk.bold('Mock exam result'),
    '',
    `Raw score:    ${report.correct}/${report.total} correct (${percent(report.correct, report.total)}%), ${report.answered} answered`,
    `Scaled score: ${report.scaled} (estimate; pass mark ${EXAM.passingScore})  ${verdict}`,
    chalk.dim(wrap(SCALED_NOTE, width)),
    '',
    chalk.bold('Domain                                         Qs  Right   %  Result             Time  s/Q'),
  ];
  for (const d of report.byDomain) {
    const title = `${d.domain}. ${DOMAINS.find((x) => x.id === d.domain)!.title}`;
    const perQuestion = d.total ? Math.round(d.seconds / d.total) : 0;
    const result = d.meets ? 'Meets competencies' : 'Needs improvement ';
    const pace = perQuestion > BUDGET_SECONDS ? chalk.yellow(String(perQuestion).padStart(4)) : String(perQuestion).padStart(4);
    out.push(
      `${(title.length > 45 ? `${title.slice(0, 44)}…` : title).padEnd(45)} ${String(d.total).padStart(3)}  ${String(d.correct).padStart(5)} ${String(d.percent).padStart(3)}  ${d.meets ? chalk.green(result) : chalk.yellow(result)} ${formatClock(d.seconds * 1000).padStart(6)} ${pace}`,
    );
  }
  const average = report.total ? Math.round(report.secondsUsed / report.total) : 0;
  out.push(
    '',
    `Time used: ${formatClock(report.secondsUsed * 1000)} · ${average} s per question on average (the real exam allows about ${BUDGET_SECONDS} s).`,
  );
  return out.join('\n');
}

export function renderHistory(exams: readonly ExamRecord[]): string {
  if (exams.length === 0) return 'No mock exams yet. Take one with: aif-quiz exam';
  const out = [chalk.bold('Date              Score  Raw      Result  ' + DOMAINS.map((d) => `D${d.id}   `).join(''))];
  for (const e of exams) {
    const date = e.at.slice(0, 16).replace('T', ' ');
    const domains = DOMAINS.map((d) => {
      const r = e.byDomain.find((x) => x.domain === d.id);
      return r ? `${String(percent(r.correct, r.total)).padStart(3)}% ` : '   -  ';
    }).join('');
    out.push(`${date}  ${String(e.scaled).padStart(5)}  ${`${e.correct}/${e.total}`.padEnd(7)}  ${e.passed ? chalk.green('pass  ') : chalk.red('fail  ')}  ${domains}`);
  }
  return out.join('\n');
}
