import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import type { Answer, Question } from '../../bank/question.js';
import { BUDGET_SECONDS, EXAM, formatClock, SCALED_NOTE, type DomainReport, type ExamReport } from '../../engine/exam.js';
import { grade } from '../../engine/grade.js';
import { present } from '../../engine/present.js';
import { seededRandom } from '../../engine/random.js';
import { percent } from '../../engine/score.js';
import type { ExamRecord, Prediction } from '../../progress/schema.js';
import { escapeText } from '../escape.js';
import { pagerScreen, type Page } from '../prompts.js';
import { renderFeedback, renderQuestion } from '../render.js';
import { predictionText } from '../render-readiness.js';
import { hint } from '../invocation.js';
import { hang, joinFitting, wrap } from '../text.js';

/** The report of a finished exam: score, verdict, each domain on two lines that fit any width. */
export function renderExamReport(report: ExamReport, width: number, prediction?: Prediction): string {
  const verdict = report.passed ? chalk.green.bold('✔ PASS') : chalk.red.bold('✘ FAIL');
  const out = [
    chalk.bold('Mock exam result'),
    '',
    hang('Raw score:    ', `${report.correct}/${report.total} correct (${percent(report.correct, report.total)}%), ${report.answered} answered`, width),
    hang('Scaled score: ', `${report.scaled} (estimate; pass mark ${EXAM.passingScore})  ${verdict}`, width),
    wrap(SCALED_NOTE, width),
    // Where the result fell in the range the readiness model predicted before the exam.
    ...(prediction ? [hang('Predicted:    ', predictionText(prediction, report.scaled), width)] : []),
    '',
    chalk.bold('By domain'),
  ];
  for (const d of report.byDomain) out.push(...renderDomain(d, width));
  const average = report.total ? Math.round(report.secondsUsed / report.total) : 0;
  out.push(
    '',
    wrap(`Time used: ${formatClock(report.secondsUsed * 1000)} · ${average} s per question on average (the real exam allows about ${BUDGET_SECONDS} s).`, width),
  );
  return out.join('\n');
}

function renderDomain(d: DomainReport, width: number): string[] {
  const title = DOMAINS.find((x) => x.id === d.domain)?.title ?? '';
  const perQuestion = d.total ? Math.round(d.seconds / d.total) : 0;
  const result = d.meets ? chalk.green('meets competencies') : chalk.yellow('needs improvement');
  const pace = `${perQuestion} s/question${perQuestion > BUDGET_SECONDS ? chalk.yellow(' (slow)') : ''}`;
  const parts = [`${d.correct}/${d.total} right (${d.percent}%)`, result, formatClock(d.seconds * 1000), pace];
  return [hang(`${d.domain}. `, title, width), joinFitting(parts, ' · ', width, '   ')];
}

/** The report of an exam recorded earlier, from its record. */
export function reportOf(record: ExamRecord, answers: ReadonlyMap<string, Answer>, questions: ReadonlyMap<string, Question>): ExamReport {
  return {
    total: record.total,
    correct: record.correct,
    answered: record.answered,
    scaled: record.scaled,
    passed: record.passed,
    secondsUsed: record.secondsUsed,
    byDomain: record.byDomain.map((d) => ({
      ...d,
      percent: percent(d.correct, d.total),
      meets: d.total > 0 && d.correct / d.total >= EXAM.passingShare,
    })),
    missed: record.questionIds.filter((id) => {
      const q = questions.get(id);
      const answer = answers.get(id);
      return !(q && answer && grade(q, answer));
    }),
  };
}

/** One line per past exam: date, scaled score with the verdict, raw score and each domain's share right. */
export function historyLine(e: ExamRecord): string {
  const date = e.at.slice(0, 16).replace('T', ' ');
  const domains = DOMAINS.map((d) => {
    const r = e.byDomain.find((x) => x.domain === d.id);
    return r ? `D${d.id} ${percent(r.correct, r.total)}%` : '';
  }).filter(Boolean);
  return [date, `${e.scaled} ${e.passed ? 'pass' : 'fail'}`, `${e.correct}/${e.total} right`, domains.join(' ')].join(' · ');
}

export function renderHistory(exams: readonly ExamRecord[], width = 80): string {
  if (exams.length === 0) return `No mock exams yet. Take one with: ${hint('exam')}`;
  const out = [chalk.bold(wrap('Past mock exams: date, scaled score, raw score, share right per domain', width))];
  for (const e of exams) out.push(joinFitting(historyLine(e).split(' · '), ' · ', width, ''));
  return out.join('\n');
}

/**
 * The report, then the questions one page each with the learner's answer, the key and every
 * explanation. After an exam: the missed and the flagged questions; reopened from the history:
 * all of them.
 */
export async function walkThrough(
  record: ExamRecord,
  report: ExamReport,
  questions: ReadonlyMap<string, Question>,
  which: 'after' | 'history',
  answers: ReadonlyMap<string, Answer> = answersOf(record),
): Promise<void> {
  const missed = new Set(report.missed);
  const flagged = new Set(record.flags ?? []);
  const positions = record.questionIds
    .map((id, i) => ({ id, i }))
    .filter(({ id }) => which === 'history' || missed.has(id) || flagged.has(id));
  const gone = positions.filter(({ id }) => !questions.has(id)).length;
  const pages: Page[] = [
    {
      heading: which === 'history' ? record.at.slice(0, 16).replace('T', ' ') : record.timedOut ? 'time is up: submitted as it stood' : 'submitted',
      body: (width) =>
        [
          renderExamReport(report, width, record.prediction),
          '',
          ...(gone ? [wrap(`${gone} of the exam's questions are no longer in the banks and are left out.`, width)] : []),
          wrap(
            positions.length - gone === 0
              ? 'Nothing to walk through: every question was answered right.'
              : `→ walks through ${which === 'after' ? 'the missed and flagged questions' : 'every question'} (${positions.length - gone}) with every explanation. Missed questions join your review list (${hint('review')}).`,
            width,
          ),
        ].join('\n'),
    },
  ];
  const shown = positions.filter(({ id }) => questions.has(id));
  for (const [n, { id, i }] of shown.entries()) {
    const q = questions.get(id)!;
    // The same layout as during the exam: seeded by the exam's seed and the question's position.
    const p = present(q, seededRandom(record.seed + i));
    const answer = answers.get(id);
    const correct = answer !== undefined && grade(q, answer);
    pages.push({
      heading: `${n + 1}/${shown.length}: question ${i + 1} · Domain ${q.domain} · Task ${escapeText(q.task)}${flagged.has(id) ? ' · ⚑ flagged' : ''}`,
      body: (width) => [renderQuestion(p, width), '', renderFeedback(p, answer, correct, width)].join('\n'),
    });
  }
  if (process.stdout.isTTY) process.stdout.write('\u001B[2J\u001B[H');
  await pagerScreen({ title: 'Mock exam', pages });
}

/** The answers of a recorded exam, by question id. */
export function answersOf(record: ExamRecord): Map<string, Answer> {
  const out = new Map<string, Answer>();
  record.answers?.forEach((answer, i) => {
    const id = record.questionIds[i];
    if (answer && id !== undefined) out.set(id, answer);
  });
  return out;
}
