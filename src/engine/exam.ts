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

export interface Draw {
  readonly questions: Question[];
  /** Domains that had fewer questions than their quota, with how many were missing. */
  readonly shortfalls: { domain: number; missing: number }[];
}

/**
 * Draw an exam: each domain's quota (questions not seen in earlier mock exams first), then the
 * whole set shuffled with case studies kept together.
 */
export function drawExam(questions: readonly Question[], total: number, seen: ReadonlySet<string>, random: Random): Draw {
  const picked: Question[] = [];
  const shortfalls: { domain: number; missing: number }[] = [];
  for (const [domain, quota] of domainQuotas(total)) {
    const fromDomain = selectQuestions(questions, { filter: { domain }, count: quota, seen, random });
    picked.push(...fromDomain);
    if (fromDomain.length < quota) shortfalls.push({ domain, missing: quota - fromDomain.length });
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

export type ClockEvent = { kind: 'warning'; minutesLeft: number } | { kind: 'timeout' };

/** Minutes-left marks at which the learner is warned. */
export const WARNINGS = [10, 5] as const;

/**
 * The next thing the exam clock must do, and in how many milliseconds: warn at 10 and 5 minutes
 * left (each once), or end the exam at zero. `warned` lists the warnings already given.
 */
export function nextClockEvent(limitMs: number, usedMs: number, warned: readonly number[]): { event: ClockEvent; inMs: number } {
  const left = limitMs - usedMs;
  for (const minutes of WARNINGS) {
    const at = minutes * 60_000;
    if (!warned.includes(minutes) && left > at && limitMs > at) return { event: { kind: 'warning', minutesLeft: minutes }, inMs: left - at };
  }
  return { event: { kind: 'timeout' }, inMs: Math.max(0, left) };
}

export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0');
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
}
