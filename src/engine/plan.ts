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
