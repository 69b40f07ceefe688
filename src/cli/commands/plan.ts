import chalk from 'chalk';
import type { Question } from '../../bank/question.js';
import { UsageError } from '../../errors.js';
import { seededRandom } from '../../engine/random.js';
import { DEFAULT_MINUTES_PER_DAY, planFor } from '../../progress/plan.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { hint } from '../invocation.js';
import { note, plural, runQuiz } from '../quiz.js';
import { openStore } from '../store.js';
import { requireTerminal, terminalWidth } from '../terminal.js';
import { renderPlan } from '../render-plan.js';
import { wrap } from '../text.js';
import { finish, type Outcome } from './practice.js';

export interface PlanOptions extends BankOptions {
  readonly dataDir: string;
  readonly examDate?: string;
  readonly minutesPerDay?: number;
  /** The clock, injectable for tests. */
  readonly now?: Date;
}

function noExamDay(): string {
  return wrap(`No exam day set yet. Plan to it with: ${hint('plan --exam-date YYYY-MM-DD --minutes-per-day 30')}`, terminalWidth());
}

/** A real calendar day written YYYY-MM-DD, today or later; anything else is a usage error. */
export function checkExamDate(value: string, now: Date): string {
  const time = Date.parse(`${value}T00:00:00Z`);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === value;
  if (!valid) {
    throw new UsageError(`--exam-date must be a day written YYYY-MM-DD, for example 2027-01-20 (got "${value}").`);
  }
  const today = now.toISOString().slice(0, 10);
  if (value < today) throw new UsageError(`--exam-date ${value} is in the past (today is ${today}).`, 'Give the day you will sit the exam.');
  return value;
}

/** `aif-quiz plan`: save the exam day and daily budget, then show today's plan and the projection. */
export async function plan(options: PlanOptions): Promise<void> {
  const now = options.now ?? new Date();
  const examDate = options.examDate === undefined ? undefined : checkExamDate(options.examDate, now);
  const questions = await loadQuestions(options);
  const store = openStore(options.dataDir);
  if (examDate === undefined && options.minutesPerDay !== undefined && !store.load().settings.examDate) {
    throw new UsageError('--minutes-per-day needs an exam day.', `Give both: ${hint('plan --exam-date YYYY-MM-DD --minutes-per-day 30')}`);
  }
  if (examDate !== undefined || options.minutesPerDay !== undefined) {
    const saved = store.updateSettings((s) => ({
      ...s,
      ...(examDate !== undefined && { examDate }),
      minutesPerDay: options.minutesPerDay ?? s.minutesPerDay ?? DEFAULT_MINUTES_PER_DAY,
    }));
    console.log(chalk.green(`Saved: exam on ${saved.examDate}, ${plural(saved.minutesPerDay ?? DEFAULT_MINUTES_PER_DAY, 'minute')} a day.`));
  }
  const summary = planFor(store.load(), questions, now);
  if (!summary) {
    console.log(noExamDay());
    return;
  }
  console.log(renderPlan(summary, terminalWidth()).join('\n'));
  console.log(wrap(`Practise today's plan from the menu: ${hint('start')}`, terminalWidth()));
}

/** The start menu's "Practise today's plan": exactly the plan's reviews, then its new questions. */
export async function practisePlan(options: BankOptions & { dataDir: string }): Promise<Outcome> {
  const questions = await loadQuestions(options);
  const store = openStore(options.dataDir);
  const summary = planFor(store.load(), questions, new Date());
  if (!summary) {
    console.log(noExamDay());
    return 'done';
  }
  const byId = new Map<string, Question>(questions.map((q) => [q.id, q]));
  const picked = [...summary.today.reviews, ...summary.today.fresh].map((id) => byId.get(id)).filter((q): q is Question => q !== undefined);
  if (picked.length === 0) {
    console.log(chalk.green('Nothing planned for today: every question met and none due.'));
    return 'done';
  }
  requireTerminal('start');
  store.ensureWritable();
  const random = seededRandom(Math.floor(Math.random() * 2 ** 31));
  const askConfidence = store.load().settings.confidence;
  const results = await runQuiz({ questions: picked, store, mode: 'practice', random, askConfidence, banks: options });
  note(`Today's plan: ${plural(summary.today.reviews.length, 'review')} and ${plural(summary.today.fresh.length, 'new question')}; this session had ${plural(results.length, 'question')}.`);
  await finish(results, store, random, askConfidence);
  return 'done';
}
