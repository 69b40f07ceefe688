import { DOMAINS } from '../bank/catalogue.js';
import type { Question } from '../bank/question.js';
import { BUDGET_SECONDS } from '../engine/exam.js';
import { medianSeconds } from './apply.js';
import { dueQueue, isLeech, isMastered } from './derive.js';
import { readinessOf, summariseReadiness, type ReadinessSummary } from './readiness.js';
import { own } from './records.js';
import type { Prediction, Progress } from './schema.js';

export interface AreaStats {
  readonly id: string;
  readonly title: string;
  readonly total: number;
  readonly seen: number;
  /** Questions whose latest answer was right, of those seen. */
  readonly right: number;
  readonly accuracy: number | null;
  readonly mastered: number;
}

export interface Stats {
  /** The readiness model's estimate for an exam sat today (see src/engine/readiness.ts). */
  readonly readiness: ReadinessSummary;
  readonly domains: (AreaStats & { tasks: AreaStats[] })[];
  readonly weakObjectives: { objective: string; answered: number; right: number; accuracy: number }[];
  readonly commonMistakes: { question: string; picked: string; correct: string; times: number }[];
  readonly leeches: { question: string; misses: number; reference: string }[];
  readonly calibration: { sure: Tally; unsure: Tally; guessed: Tally; luckyGuesses: number };
  readonly pacing: { medianSeconds: number | null; budgetSeconds: number };
  readonly days: { date: string; answered: number; correct: number }[];
  /** Past mock exams, with what the model predicted when each started (null for older exams). */
  readonly exams: { at: string; scaled: number; passed: boolean; correct: number; total: number; predicted: Prediction | null }[];
  readonly dueForecast: { date: string; due: number }[];
}

export interface Tally {
  readonly answered: number;
  readonly correct: number;
}

/** Everything `aif-quiz stats` shows, computed from the progress and the banks. */
export function computeStats(progress: Progress, questions: readonly Question[], now: Date): Stats {
  const area = (id: string, title: string, pool: readonly Question[]): AreaStats => {
    const seen = pool.filter((q) => own(progress.questions, q.id));
    const right = seen.filter((q) => own(progress.questions, q.id)!.lastCorrect).length;
    return {
      id,
      title,
      total: pool.length,
      seen: seen.length,
      right,
      accuracy: seen.length ? right / seen.length : null,
      mastered: pool.filter((q) => isMastered(progress, q.id)).length,
    };
  };
  const domains = DOMAINS.map((d) => {
    const pool = questions.filter((q) => q.domain === d.id);
    return {
      ...area(String(d.id), d.title, pool),
      tasks: d.tasks.map((t) => area(t.id, t.title, pool.filter((q) => q.task === t.id))),
    };
  });

  const readiness = summariseReadiness(readinessOf(progress, questions, now));

  const byObjective = new Map<string, { answered: number; right: number }>();
  for (const q of questions) {
    const s = own(progress.questions, q.id);
    if (!s || !q.objective) continue;
    const t = byObjective.get(q.objective) ?? { answered: 0, right: 0 };
    byObjective.set(q.objective, { answered: t.answered + 1, right: t.right + (s.lastCorrect ? 1 : 0) });
  }
  const weakObjectives = [...byObjective.entries()]
    .filter(([, t]) => t.answered >= 2)
    .map(([objective, t]) => ({ objective, ...t, accuracy: t.right / t.answered }))
    .filter((o) => o.accuracy < 1)
    .sort((a, b) => a.accuracy - b.accuracy || b.answered - a.answered)
    .slice(0, 5);

  const commonMistakes = questions
    .flatMap((q) => {
      const picks = own(progress.questions, q.id)?.wrongPicks;
      if (!picks || (q.type !== 'single' && q.type !== 'multiple')) return [];
      const correct = q.options.filter((o) => o.correct).map((o) => o.text).join(' + ');
      return Object.entries(picks).map(([picked, times]) => ({ question: q.id, picked, correct, times }));
    })
    .sort((a, b) => b.times - a.times)
    .slice(0, 5);

  const leeches = questions
    .filter((q) => isLeech(progress, q.id))
    .map((q) => ({ question: q.id, misses: own(progress.questions, q.id)!.wrong, reference: q.references[0]! }));

  const known = new Set(questions.map((q) => q.id));
  const tally = (c: 'sure' | 'unsure' | 'guessed') => progress.calibration[c] ?? { answered: 0, correct: 0 };
  const luckyGuesses = Object.entries(progress.questions).filter(([id, s]) => known.has(id) && s.lastCorrect && s.lastConfidence === 'guessed').length;

  const dayKey = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const days = Array.from({ length: 14 }, (_, i) => dayKey(i - 13)).map((date) => ({ date, ...(own(progress.days, date) ?? { answered: 0, correct: 0 }) }));
  const dueForecast = Array.from({ length: 7 }, (_, i) => {
    const end = new Date(`${dayKey(i)}T23:59:59.999Z`);
    const before = i === 0 ? 0 : dueQueue(progress, known, new Date(`${dayKey(i - 1)}T23:59:59.999Z`)).length;
    return { date: dayKey(i), due: dueQueue(progress, known, end).length - before };
  });

  const median = medianSeconds(progress);
  return {
    readiness,
    domains,
    weakObjectives,
    commonMistakes,
    leeches,
    calibration: { sure: tally('sure'), unsure: tally('unsure'), guessed: tally('guessed'), luckyGuesses },
    pacing: { medianSeconds: median ?? null, budgetSeconds: BUDGET_SECONDS },
    days,
    exams: progress.exams.map((e) => ({ at: e.at, scaled: e.scaled, passed: e.passed, correct: e.correct, total: e.total, predicted: e.prediction ?? null })),
    dueForecast,
  };
}
