import { DOMAINS } from '../bank/catalogue.js';
import { shuffle, type Random } from './random.js';
import { TASKS, type TaskPosterior } from './readiness.js';

/**
 * How much a task statement deserves new questions today: its share of the exam, raised where
 * the learner is weak (low posterior chance) so that practice goes where points are missing.
 */
export function taskNeed(task: string, posterior: TaskPosterior | undefined): number {
  const info = TASKS.get(task);
  if (!info) return 0;
  const domainWeight = (DOMAINS.find((d) => d.id === info.domain)?.weight ?? 0) / 100;
  const chance = posterior?.mean ?? 0.5;
  return domainWeight * info.weight * (0.2 + (1 - chance));
}

/**
 * Pick `count` new questions, task by task in proportion to `taskNeed` among the tasks that still
 * have unseen questions, in random order within a task. Returns ids in the order to ask them.
 */
export function pickNewQuestions(
  unseenByTask: ReadonlyMap<string, readonly string[]>,
  posteriors: ReadonlyMap<string, TaskPosterior>,
  count: number,
  random: Random,
): string[] {
  const left = new Map<string, string[]>();
  for (const [task, ids] of unseenByTask) if (ids.length) left.set(task, shuffle(ids, random));
  const picked: string[] = [];
  while (picked.length < count && left.size > 0) {
    const needs = [...left.keys()].map((t) => [t, taskNeed(t, posteriors.get(t)) || 1e-6] as const);
    let u = random() * needs.reduce((s, [, n]) => s + n, 0);
    let chosen = needs[needs.length - 1]![0];
    for (const [t, n] of needs) {
      u -= n;
      if (u < 0) {
        chosen = t;
        break;
      }
    }
    const ids = left.get(chosen)!;
    picked.push(ids.shift()!);
    if (ids.length === 0) left.delete(chosen);
  }
  return picked;
}

/** Seconds a question takes when the learner has no pace of their own yet: the exam's average, rounded up. */
export const DEFAULT_SECONDS_PER_QUESTION = 90;

/** How many questions fit in a daily budget at the learner's median time per answer. */
export function questionsPerDay(minutesPerDay: number, medianSeconds: number | undefined): number {
  const seconds = medianSeconds && medianSeconds > 0 ? medianSeconds : DEFAULT_SECONDS_PER_QUESTION;
  return Math.max(1, Math.floor((minutesPerDay * 60) / seconds));
}

export interface DayPlan {
  /** Reviews due today, the most overdue first, up to the budget. */
  readonly reviews: readonly string[];
  /** New questions, weighted toward weak task statements. */
  readonly fresh: readonly string[];
  /** Due reviews left for another day because the budget is full. */
  readonly reviewsLeft: number;
}

/**
 * Today's plan: the due reviews first, then new questions for the rest of the budget. A quarter
 * of the budget always goes to new questions while some are left, so a pile of reviews cannot
 * stop progress through the banks.
 */
export function planDay(
  due: readonly string[],
  unseenByTask: ReadonlyMap<string, readonly string[]>,
  posteriors: ReadonlyMap<string, TaskPosterior>,
  perDay: number,
  random: Random,
): DayPlan {
  const unseen = [...unseenByTask.values()].reduce((n, ids) => n + ids.length, 0);
  const minimumNew = Math.min(unseen, Math.ceil(perDay / 4));
  const reviews = due.slice(0, Math.max(0, perDay - minimumNew));
  const fresh = pickNewQuestions(unseenByTask, posteriors, perDay - reviews.length, random);
  return { reviews, fresh, reviewsLeft: due.length - reviews.length };
}

/**
 * Days in a row with at least one answer, up to today. A streak is not broken before the day is
 * over: with nothing answered yet today, it counts up to yesterday.
 */
export function streak(answeredOn: (day: string) => number, today: string): number {
  let day = new Date(`${today}T00:00:00Z`);
  const back = () => (day = new Date(day.getTime() - 86_400_000));
  if (answeredOn(today) === 0) back();
  let n = 0;
  while (answeredOn(day.toISOString().slice(0, 10)) > 0) {
    n++;
    back();
  }
  return n;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A day as people say it, "Jan 12", with the year only when it is not this year's ("Jan 20,
 * 2027"). Month names in English, as everything else on screen; --json keeps YYYY-MM-DD.
 */
export function sayDay(day: string, today: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const said = `${MONTHS[month - 1]} ${date}`;
  return day.slice(0, 4) === today.slice(0, 4) ? said : `${said}, ${year}`;
}

export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface Coverage {
  readonly domain: number;
  readonly unseen: number;
  /** The day the last unseen question of the domain would be met at this pace (null: never, no new questions a day). */
  readonly coveredBy: string | null;
}

/**
 * When each domain's questions would all have been met if `newPerDay` new questions a day are
 * shared among the domains with questions left, in proportion to their need (as the plan does).
 */
export function coverageDates(
  unseenByDomain: ReadonlyMap<number, number>,
  needByDomain: ReadonlyMap<number, number>,
  newPerDay: number,
  today: string,
): Coverage[] {
  const left = new Map([...unseenByDomain].map(([d, n]) => [d, n]));
  const done = new Map<number, string | null>();
  for (const [d, n] of left) if (n <= 0) done.set(d, today);
  for (let day = 1; newPerDay > 0 && done.size < left.size && day <= 3650; day++) {
    let budget = newPerDay;
    // Share the day's budget; what a finishing domain does not need goes to the others.
    while (budget > 1e-9) {
      const open = [...left].filter(([d, n]) => n > 1e-9 && !done.has(d));
      if (open.length === 0) break;
      const needs = open.map(([d]) => needByDomain.get(d) || 1e-6);
      const sum = needs.reduce((a, b) => a + b, 0);
      let used = 0;
      open.forEach(([d, n], i) => {
        const share = Math.min(n, (budget * needs[i]!) / sum);
        used += share;
        left.set(d, n - share);
        if (n - share <= 1e-9) done.set(d, addDays(today, day));
      });
      budget -= used;
      if (used <= 1e-9) break;
    }
  }
  return [...unseenByDomain.keys()].map((domain) => ({ domain, unseen: unseenByDomain.get(domain)!, coveredBy: done.get(domain) ?? null }));
}
