import { Rating } from 'ts-fsrs';
import { DOMAINS } from '../bank/catalogue.js';
import { addDays, coverageDates, daysBetween, pickNewQuestions, planDay, questionsPerDay, sayDay, streak, taskNeed, type Coverage } from '../engine/plan.js';
import { seededRandom } from '../engine/random.js';
import { estimateReadiness } from '../engine/readiness.js';
import { reschedule } from '../engine/schedule.js';
import { medianSeconds } from './apply.js';
import { dueQueue } from './derive.js';
import { questionEvidence, summariseReadiness, type ReadinessSummary } from './readiness.js';
import { own } from './records.js';
import type { Progress } from './schema.js';

/** The retention FSRS schedules reviews for (ts-fsrs's default request_retention). */
const REQUEST_RETENTION = 0.9;

/** The daily budget when a plan gives none. */
export const DEFAULT_MINUTES_PER_DAY = 30;

/** The seed of today's plan: the day itself, so the plan stays the same all day. */
function daySeed(day: string): number {
  return Number(day.replaceAll('-', '')) % 2 ** 31;
}

export interface PlanSummary {
  /** The day this plan is for (YYYY-MM-DD, UTC). */
  readonly day: string;
  readonly examDate: string;
  readonly minutesPerDay: number;
  /** Days from today to the exam day (negative once it has passed). */
  readonly daysLeft: number;
  /** Questions that fit the daily budget at the learner's median time. */
  readonly perDay: number;
  readonly today: { readonly reviews: readonly string[]; readonly fresh: readonly string[]; readonly reviewsLeft: number };
  /** Days in a row with answers, up to today. */
  readonly streak: number;
  /** Answers a day: over the last 7 days, or the plan's when there are none. */
  readonly pace: { readonly perDay: number; readonly basis: 'recent' | 'planned' };
  readonly newPerDay: number;
  readonly unseen: number;
  readonly coverage: readonly Coverage[];
  /** Readiness on the exam day if new questions keep coming at this pace. */
  readonly projected: ReadinessSummary;
  readonly warnings: readonly string[];
}

type PlannedQuestion = { readonly id: string; readonly task: string; readonly domain: number };

/** Today's plan, streak and projection, or null when no exam date is set. */
export function planFor(progress: Progress, questions: readonly PlannedQuestion[], now: Date): PlanSummary | null {
  const examDate = progress.settings.examDate;
  if (!examDate) return null;
  const minutesPerDay = progress.settings.minutesPerDay ?? DEFAULT_MINUTES_PER_DAY;
  const today = now.toISOString().slice(0, 10);
  const daysLeft = daysBetween(today, examDate);
  const perDay = questionsPerDay(minutesPerDay, medianSeconds(progress));
  const known = new Set(questions.map((q) => q.id));
  const random = seededRandom(daySeed(today));

  const evidence = questionEvidence(progress, questions);
  // Only the task means are needed here: no Monte Carlo draws.
  const posteriors = estimateReadiness(evidence, { now, random, draws: 0 }).tasks;
  const unseenByTask = new Map<string, string[]>();
  for (const q of questions) {
    if (own(progress.questions, q.id)) continue;
    const list = unseenByTask.get(q.task) ?? [];
    list.push(q.id);
    unseenByTask.set(q.task, list);
  }
  const endOfToday = new Date(`${today}T23:59:59.999Z`);
  const day = planDay(dueQueue(progress, known, endOfToday), unseenByTask, posteriors, perDay, random);

  const answeredOn = (d: string) => own(progress.days, d)?.answered ?? 0;
  const recent = Array.from({ length: 7 }, (_, i) => answeredOn(addDays(today, -i))).reduce((a, b) => a + b, 0);
  const pace = recent > 0 ? { perDay: Math.max(1, Math.round(recent / 7)), basis: 'recent' as const } : { perDay, basis: 'planned' as const };
  const reviewsPerDay = (dueQueue(progress, known, new Date(endOfToday.getTime() + 7 * 86_400_000)).length - day.reviews.length) / 7;
  const unseen = [...unseenByTask.values()].reduce((n, ids) => n + ids.length, 0);
  const newPerDay = unseen === 0 ? 0 : Math.max(Math.ceil(pace.perDay / 4), Math.round(pace.perDay - reviewsPerDay));

  const unseenByDomain = new Map(DOMAINS.map((d) => [d.id, questions.filter((q) => q.domain === d.id && !own(progress.questions, q.id)).length]));
  const needByDomain = new Map(DOMAINS.map((d) => [d.id, d.tasks.reduce((s, t) => s + taskNeed(t.id, posteriors.get(t.id)), 0)]));
  const coverage = coverageDates(unseenByDomain, needByDomain, newPerDay, today);

  // The projection: the answers so far, plus new questions at this pace until the exam, answered
  // right as often as the model expects for their task; remembered on the exam day as FSRS
  // expects, but no worse than the retention its reviews aim for while the pace keeps up with them.
  const future = pickNewQuestions(unseenByTask, posteriors, Math.max(0, daysLeft) * newPerDay, seededRandom(daySeed(today) + 1));
  const taskOf = new Map(questions.map((q) => [q.id, q.task]));
  const dealt = new Map<string, { asked: number; right: number }>();
  const synthetic = future.map((id, i) => {
    const task = taskOf.get(id)!;
    const d = dealt.get(task) ?? { asked: 0, right: 0 };
    d.asked++;
    // Right answers spread evenly: the k-th answer is right when that keeps the share at the expected mean.
    const correct = d.right < Math.round((posteriors.get(task)?.mean ?? 0.5) * d.asked);
    if (correct) d.right++;
    dealt.set(task, d);
    const at = new Date(Date.parse(`${addDays(today, 1 + Math.floor(i / Math.max(1, newPerDay)))}T12:00:00Z`));
    return { task, answers: [{ at, correct }], card: reschedule(undefined, correct ? Rating.Good : Rating.Again, at) };
  });
  // When the pace covers the reviews, they keep every card near the retention FSRS aims for.
  const keepsUp = pace.perDay >= reviewsPerDay;
  const examMorning = new Date(`${examDate}T09:00:00Z`);
  const target = examMorning > now ? examMorning : now;
  const projected = summariseReadiness(
    // Recency as of today: keeping the pace (and the reviews) is what keeps today's evidence current.
    estimateReadiness([...evidence, ...synthetic], { now, target, random: seededRandom(1), ...(keepsUp && { retentionFloor: REQUEST_RETENTION }) }),
  );

  const warnings: string[] = [];
  const examDay = sayDay(examDate, today);
  if (daysLeft < 0) warnings.push(`Your exam day, ${examDay}, has passed. Set the next one with: plan --exam-date YYYY-MM-DD`);
  else {
    const late = coverage.filter((c) => c.coveredBy === null || c.coveredBy > examDate);
    if (late.length) {
      const worst = late.reduce((a, b) => (a.coveredBy === null || (b.coveredBy !== null && a.coveredBy >= b.coveredBy) ? a : b));
      const needed = Math.ceil(unseen / Math.max(1, daysLeft)) - newPerDay;
      warnings.push(
        `At ${pace.perDay} question${pace.perDay === 1 ? '' : 's'} a day you ${worst.coveredBy ? `cover domain ${worst.domain} by ${sayDay(worst.coveredBy, today)}` : `never cover domain ${worst.domain}`}, after your exam on ${examDay}: book later or add ${Math.max(1, needed)} a day.`,
      );
    }
    if (projected.passProbability < 0.5) {
      warnings.push(`At this pace the projection for ${examDay} is ${projected.passProbability < 0.005 ? 'under a 1%' : `a ${Math.round(projected.passProbability * 100)}%`} chance of 700: practise the weak task statements, or book later.`);
    }
  }
  return {
    day: today,
    examDate,
    minutesPerDay,
    daysLeft,
    perDay,
    today: { reviews: day.reviews, fresh: day.fresh, reviewsLeft: day.reviewsLeft },
    streak: streak(answeredOn, today),
    pace,
    newPerDay,
    unseen,
    coverage,
    projected,
    warnings,
  };
}
