import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';

/**
 * Spaced repetition with FSRS (ts-fsrs). Same-day learning steps are turned off: a question comes
 * back on a later day, which suits exam study better than a ten-minute re-ask.
 */
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, learning_steps: [], relearning_steps: [] }));

export type Confidence = 'sure' | 'unsure' | 'guessed';

/** The card as kept in the progress file: plain JSON, dates as ISO strings. */
export interface CardState {
  due: string;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  reps: number;
  lapses: number;
  learning_steps: number;
  state: number;
  last_review?: string;
}

/**
 * How an answer rates for FSRS: wrong is Again; right is Good, or Hard when the learner was
 * unsure or guessed, or took much longer than usual (more than twice their median time).
 */
export function ratingFor(correct: boolean, confidence: Confidence | undefined, seconds: number, typicalSeconds: number | undefined): Grade {
  if (!correct) return Rating.Again;
  if (confidence === 'unsure' || confidence === 'guessed') return Rating.Hard;
  if (typicalSeconds !== undefined && typicalSeconds > 0 && seconds > 2 * typicalSeconds) return Rating.Hard;
  return Rating.Good;
}

export function reschedule(card: CardState | undefined, rating: Grade, at: Date): CardState {
  const current: Card = card ? fromState(card) : createEmptyCard(at);
  // A clock set back (or answers merged from two machines) must not move time backwards.
  const when = current.last_review && current.last_review > at ? current.last_review : at;
  return toState(scheduler.next(current, when, rating).card);
}

/**
 * The chance, by FSRS's forgetting curve, that the answer to a question is still remembered at
 * `at`: 1 just after a review, falling with the time since as slowly as the card is stable.
 */
export function retrievability(card: CardState, at: Date): number {
  const current = fromState(card);
  if (current.last_review && current.last_review > at) return 1;
  return scheduler.get_retrievability(current, at, false);
}

function fromState(card: CardState): Card {
  return {
    ...card,
    due: new Date(card.due),
    ...(card.last_review !== undefined && { last_review: new Date(card.last_review) }),
  } as Card;
}

function toState(card: Card): CardState {
  return {
    due: card.due.toISOString(),
    stability: round(card.stability),
    difficulty: round(card.difficulty),
    elapsed_days: card.elapsed_days,
    scheduled_days: card.scheduled_days,
    reps: card.reps,
    lapses: card.lapses,
    learning_steps: card.learning_steps,
    state: card.state,
    ...(card.last_review && { last_review: card.last_review.toISOString() }),
  };
}

function round(n: number): number {
  return Math.round(n * 1e4) / 1e4;
}
