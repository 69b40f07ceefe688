import type { Question } from '../bank/question.js';
import type { QuestionType } from '../bank/question.js';
import { shuffle, type Random } from './random.js';

export interface Filter {
  readonly domain?: number;
  readonly task?: string;
  readonly type?: QuestionType;
  /** One exam objective, as `learn` offers after its note. */
  readonly objective?: string;
}

export function matchesFilter(question: Question, filter: Filter): boolean {
  return (
    (filter.domain === undefined || question.domain === filter.domain) &&
    (filter.task === undefined || question.task === filter.task) &&
    (filter.type === undefined || question.type === filter.type) &&
    (filter.objective === undefined || question.objective === filter.objective)
  );
}

/**
 * Questions that must be asked together: a case study's questions share one scenario and are
 * shown one after another in bank order; every other question stands alone.
 */
export function groupCaseStudies(questions: readonly Question[]): Question[][] {
  const groups: Question[][] = [];
  const byScenario = new Map<string, Question[]>();
  for (const q of questions) {
    if (!q.scenario) {
      groups.push([q]);
      continue;
    }
    const group = byScenario.get(q.scenario.id);
    if (group) group.push(q);
    else {
      const fresh = [q];
      byScenario.set(q.scenario.id, fresh);
      groups.push(fresh);
    }
  }
  return groups;
}

/**
 * Pick up to `count` questions matching the filter, each at most once. Case studies stay together;
 * one that would overflow the count is cut at the count so the session has exactly the size asked
 * for.
 *
 * Normally questions never seen before come first (in random order), then seen ones. A `seeded`
 * session instead shuffles every matching question with the seed alone, so that `--seed N` gives
 * the same questions in the same order whatever the learner's progress: what was seen must not
 * change a session that was promised to repeat.
 */
export function selectQuestions(
  questions: readonly Question[],
  options: { filter: Filter; count: number; seen: ReadonlySet<string>; random: Random; seeded?: boolean; only?: ReadonlySet<string> },
): Question[] {
  const groups = groupCaseStudies(questions.filter((q) => matchesFilter(q, options.filter) && (!options.only || options.only.has(q.id))));
  const fresh = groups.filter((g) => g.some((q) => !options.seen.has(q.id)));
  const seen = groups.filter((g) => g.every((q) => options.seen.has(q.id)));
  const ordered = options.seeded ? shuffle(groups, options.random) : [...shuffle(fresh, options.random), ...shuffle(seen, options.random)];
  const picked: Question[] = [];
  for (const group of ordered) {
    if (picked.length >= options.count) break;
    picked.push(...group.slice(0, options.count - picked.length));
  }
  return picked;
}
