import { DOMAINS } from '../bank/catalogue.js';
import type { Answer, Question } from '../bank/question.js';
import { grade } from './grade.js';
import { shuffle, type Random } from './random.js';
import { groupCaseStudies, selectQuestions } from './select.js';
import { percent } from './score.js';

/** The real exam: 65 questions in 90 minutes, scored 100-1,000 with 700 to pass. */
export const EXAM = {
  questions: 65,
  minutes: 90,
  extraMinutes: 30,
  passingScore: 700,
  /** Share correct that we map to the passing score (AWS does not publish its equating). */
  passingShare: 0.7,
} as const;

/**
 * How many questions each domain gets for an exam of `total`, by the published weights. Largest
 * remainders, so the counts always add up: 65 gives 13, 16, 18, 9, 9.
 */
export function domainQuotas(total: number): Map<number, number> {
  const raw = DOMAINS.map((d) => ({ id: d.id, exact: (total * d.weight) / 100 }));
  const quotas = new Map(raw.map((r) => [r.id, Math.floor(r.exact)]));
  let left = total - [...quotas.values()].reduce((a, b) => a + b, 0);
  for (const r of [...raw].sort((a, b) => b.exact - Math.floor(b.exact) - (a.exact - Math.floor(a.exact)) || a.id - b.id)) {
    if (left-- <= 0) break;
    quotas.set(r.id, quotas.get(r.id)! + 1);
  }
  return quotas;
}

/** The longest time limit `--minutes` accepts: ten hours, far beyond any real sitting. */
export const MAX_MINUTES = 600;

export interface Draw {
  readonly questions: Question[];
  /** Domains that had fewer questions than their quota, with how many were missing (other domains filled in). */
  readonly shortfalls: { domain: number; missing: number }[];
}

/**
 * Draw an exam: each domain's quota (questions not seen in earlier mock exams first); places a
 * small domain cannot fill go to questions of the other domains, so the exam has `total`
 * questions whenever the banks hold that many. Then the whole set is shuffled with case studies
 * kept together.
 */
export function drawExam(questions: readonly Question[], total: number, seen: ReadonlySet<string>, random: Random): Draw {
  const picked: Question[] = [];
  const shortfalls: { domain: number; missing: number }[] = [];
  for (const [domain, quota] of domainQuotas(total)) {
    const fromDomain = selectQuestions(questions, { filter: { domain }, count: quota, seen, random });
    picked.push(...fromDomain);
    if (fromDomain.length < quota) shortfalls.push({ domain, missing: quota - fromDomain.length });
  }
  if (picked.length < total) {
    const taken = new Set(picked.map((q) => q.id));
    picked.push(...selectQuestions(questions.filter((q) => !taken.has(q.id)), { filter: {}, count: total - picked.length, seen, random }));
  }
  return { questions: shuffle(groupCaseStudies(picked), random).flat(), shortfalls };
}

/** The scaled-score estimate: linear from 100 (none right) through 700 (70% right) to 1,000 (all right). */
export function scaledEstimate(correct: number, total: number): number {
  if (total === 0) return 100;
  const share = correct / total;
  const score =
    share <= EXAM.passingShare
      ? 100 + (share / EXAM.passingShare) * (EXAM.passingScore - 100)
      : EXAM.passingScore + ((share - EXAM.passingShare) / (1 - EXAM.passingShare)) * (1000 - EXAM.passingScore);
  return Math.round(score);
}

/** Seconds per question the real exam allows on average: 90 minutes for 65 questions, about 83. */
export const BUDGET_SECONDS = Math.round((EXAM.minutes * 60) / EXAM.questions);

export const SCALED_NOTE =
  'Estimate: your share correct mapped linearly so that 70% = 700 (AWS equates real scores across exam forms and does not publish how).';

export interface DomainReport {
  readonly domain: number;
  readonly total: number;
  readonly correct: number;
  readonly percent: number;
  readonly meets: boolean;
  readonly seconds: number;
}

export interface ExamReport {
  readonly total: number;
  readonly correct: number;
  readonly answered: number;
  readonly scaled: number;
  readonly passed: boolean;
  readonly secondsUsed: number;
  readonly byDomain: readonly DomainReport[];
  readonly missed: readonly string[];
}

/** Score a finished exam; unanswered questions count as wrong, as on the real exam. */
export function scoreExam(
  questions: readonly Question[],
  answers: ReadonlyMap<string, Answer>,
  secondsByQuestion: ReadonlyMap<string, number>,
): ExamReport {
  const right = (q: Question) => {
    const answer = answers.get(q.id);
    return answer !== undefined && grade(q, answer);
  };
  const correct = questions.filter(right).length;
  const scaled = scaledEstimate(correct, questions.length);
  const byDomain = DOMAINS.map((d) => {
    const inDomain = questions.filter((q) => q.domain === d.id);
    const good = inDomain.filter(right).length;
    return {
      domain: d.id,
      total: inDomain.length,
      correct: good,
      percent: percent(good, inDomain.length),
      meets: inDomain.length > 0 && good / inDomain.length >= EXAM.passingShare,
      seconds: Math.round(inDomain.reduce((sum, q) => sum + (secondsByQuestion.get(q.id) ?? 0), 0)),
    };
  }).filter((d) => d.total > 0);
  return {
    total: questions.length,
    correct,
    answered: questions.filter((q) => answers.has(q.id)).length,
    scaled,
    passed: scaled >= EXAM.passingScore,
    secondsUsed: Math.round([...secondsByQuestion.values()].reduce((a, b) => a + b, 0)),
    byDomain,
    missed: questions.filter((q) => !right(q)).map((q) => q.id),
  };
}

/** Minutes-left marks at which the learner is warned. */
export const WARNINGS = [10, 5] as const;

/**
 * The warning due now, if any: the smallest minutes-left mark the clock has reached that has not
 * been given yet. An exam shorter than a mark never gets that warning.
 */
export function dueWarning(limitMs: number, leftMs: number, warned: readonly number[]): number | undefined {
  const due = WARNINGS.filter((minutes) => !warned.includes(minutes) && limitMs > minutes * 60_000 && leftMs <= minutes * 60_000);
  return due.length ? Math.min(...due) : undefined;
}

/** The marks a warning at `minutes` also covers (a resumed exam with 4 minutes left has passed 10 and 5). */
export function warningsUpTo(minutes: number, limitMs: number): number[] {
  return WARNINGS.filter((m) => m >= minutes && limitMs > m * 60_000);
}

/**
 * Time left on an exam clock that runs only while the exam is open: the limit, less the time used
 * in earlier sittings, less the time since this sitting's clock started. Computed from the clock
 * each time rather than waited for with one long timer, which could not represent a long limit
 * (a timer longer than 2^31-1 ms fires at once).
 */
export function timeLeft(limitMs: number, usedMs: number, sinceMs: number): number {
  return Math.max(0, limitMs - usedMs - Math.max(0, sinceMs));
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
