import { compareStrings } from '../bank/text.js';
import { own } from './records.js';
import type { Progress } from './schema.js';

/** A question missed this many times is a leech: drilling it again is not working. */
export const LEECH_MISSES = 4;

export function seenIds(progress: Progress): Set<string> {
  return new Set(Object.keys(progress.questions));
}

/**
 * Questions whose latest answer was wrong, the longest-waiting first. A question leaves the list
 * as soon as it is answered correctly.
 */
export function reviewQueue(progress: Progress, known: ReadonlySet<string>): string[] {
  return Object.entries(progress.questions)
    .filter(([id, s]) => !s.lastCorrect && known.has(id))
    .sort(([, a], [, b]) => compareStrings(a.lastWrongAt ?? a.lastAt, b.lastWrongAt ?? b.lastAt))
    .map(([id]) => id);
}

/** Questions whose spaced-repetition card is due by `now`, the most overdue first. */
export function dueQueue(progress: Progress, known: ReadonlySet<string>, now: Date): string[] {
  const limit = now.toISOString();
  return Object.entries(progress.questions)
    .filter(([id, s]) => known.has(id) && s.card.due <= limit)
    .sort(([, a], [, b]) => compareStrings(a.card.due, b.card.due))
    .map(([id]) => id);
}

/** What `review` serves: due questions first, then the rest of the wrong-answer list. */
export function reviewPlan(progress: Progress, known: ReadonlySet<string>, now: Date, dueOnly: boolean): { due: string[]; wrong: string[] } {
  const due = dueQueue(progress, known, now);
  const inDue = new Set(due);
  const wrong = dueOnly ? [] : reviewQueue(progress, known).filter((id) => !inDue.has(id));
  return { due, wrong };
}

export function isLeech(progress: Progress, id: string): boolean {
  return (own(progress.questions, id)?.wrong ?? 0) >= LEECH_MISSES;
}

/**
 * Mastered: the latest answer was right and not a guess, and the card has left the first steps
 * (its next review is at least a week after the last one). Lucky guesses never count.
 */
export function isMastered(progress: Progress, id: string): boolean {
  const s = own(progress.questions, id);
  return !!s && s.lastCorrect && s.lastConfidence !== 'guessed' && s.card.scheduled_days >= 7;
}
