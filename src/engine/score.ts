import { naturalCompare } from '../bank/text.js';
import type { Question } from '../bank/question.js';

export interface Result {
  readonly question: Question;
  readonly correct: boolean;
}

export interface Tally {
  readonly key: string;
  readonly correct: number;
  readonly total: number;
}

export interface SessionScore {
  readonly correct: number;
  readonly total: number;
  readonly byDomain: readonly Tally[];
  readonly byTask: readonly Tally[];
}

export function percent(correct: number, total: number): number {
  return total === 0 ? 0 : Math.round((100 * correct) / total);
}

/** Score a session overall, per domain and per task statement (in exam order). */
export function scoreSession(results: readonly Result[]): SessionScore {
  return {
    correct: results.filter((r) => r.correct).length,
    total: results.length,
    byDomain: tally(results, (q) => String(q.domain)),
    byTask: tally(results, (q) => q.task),
  };
}

function tally(results: readonly Result[], keyOf: (q: Question) => string): Tally[] {
  const map = new Map<string, { correct: number; total: number }>();
  for (const r of results) {
    const key = keyOf(r.question);
    const t = map.get(key) ?? { correct: 0, total: 0 };
    t.total++;
    if (r.correct) t.correct++;
    map.set(key, t);
  }
  return [...map.entries()]
    .map(([key, t]) => ({ key, ...t }))
    .sort((a, b) => naturalCompare(a.key, b.key));
}
