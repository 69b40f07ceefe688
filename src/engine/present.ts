import type { Question } from '../bank/question.js';
import { shuffle, type Random } from './random.js';

/**
 * How a question is laid out on screen: options and steps in a shuffled order (so that position
 * carries no meaning), matching responses shuffled. Indices refer to the bank's order.
 */
export interface Presentation {
  readonly question: Question;
  /** Display order of options (single/multiple) or steps (ordering). */
  readonly order: readonly number[];
  /** Display order of the responses of a matching question. */
  readonly responses: readonly string[];
}

export function present(question: Question, random: Random): Presentation {
  switch (question.type) {
    case 'single':
    case 'multiple':
      return { question, order: shuffle(question.options.map((_, i) => i), random), responses: [] };
    case 'ordering':
      return { question, order: shuffleUnsolved(question.steps.length, random), responses: [] };
    case 'matching':
      return { question, order: [], responses: shuffle(question.responses, random) };
  }
}

/** A shuffle of 0..n-1 that is never already the answer, so an ordering question always asks something. */
function shuffleUnsolved(n: number, random: Random): number[] {
  const identity = Array.from({ length: n }, (_, i) => i);
  const order = shuffle(identity, random);
  if (order.every((v, i) => v === i)) order.push(order.shift()!);
  return order;
}
