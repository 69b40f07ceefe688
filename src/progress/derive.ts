import type { Attempt, Progress } from './schema.js';

/** The latest attempt at each question. */
export function latestAttempts(progress: Progress): Map<string, Attempt> {
  const latest = new Map<string, Attempt>();
  for (const attempt of progress.attempts) {
    const previous = latest.get(attempt.id);
    if (!previous || previous.at <= attempt.at) latest.set(attempt.id, attempt);
  }
  return latest;
}

export function seenIds(progress: Progress): Set<string> {
  return new Set(progress.attempts.map((a) => a.id));
}

/**
 * Questions to review: those whose latest answer was wrong, the longest-waiting first. A question
 * leaves the list as soon as it is answered correctly.
 */
export function reviewQueue(progress: Progress, known: ReadonlySet<string>): string[] {
  return [...latestAttempts(progress).values()]
    .filter((a) => !a.correct && known.has(a.id))
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((a) => a.id);
}
