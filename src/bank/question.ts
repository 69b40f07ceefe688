export const QUESTION_TYPES = ['single', 'multiple', 'ordering', 'matching'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** Where a question came from, so every message about it can point at the line. */
export interface Source {
  readonly file: string;
  readonly line: number;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  readonly text: string;
}

export interface ChoiceOption {
  readonly text: string;
  readonly correct: boolean;
  readonly why?: string;
}

interface QuestionBase {
  readonly id: string;
  readonly type: QuestionType;
  readonly domain: number;
  readonly task: string;
  readonly objective?: string;
  readonly difficulty?: 1 | 2 | 3;
  readonly tags: readonly string[];
  readonly scenario?: Scenario;
  readonly stem: string;
  readonly explanation: string;
  readonly references: readonly string[];
  /** The day (YYYY-MM-DD) the question was last checked against AWS documentation. */
  readonly reviewed?: string;
  readonly source: Source;
}

export interface SingleQuestion extends QuestionBase {
  readonly type: 'single';
  readonly options: readonly ChoiceOption[];
}

export interface MultipleQuestion extends QuestionBase {
  readonly type: 'multiple';
  readonly options: readonly ChoiceOption[];
}

export interface OrderingQuestion extends QuestionBase {
  readonly type: 'ordering';
  /** In the correct order. */
  readonly steps: readonly string[];
  /** Why each step stands where it does, by step index (undefined where the bank gives none). */
  readonly stepWhys?: readonly (string | undefined)[];
}

export interface MatchingQuestion extends QuestionBase {
  readonly type: 'matching';
  readonly pairs: readonly { readonly prompt: string; readonly answer: string; readonly why?: string }[];
  /** Every answer a learner can pick: the pairs' answers plus distractors, without repeats. */
  readonly responses: readonly string[];
}

export type Question = SingleQuestion | MultipleQuestion | OrderingQuestion | MatchingQuestion;
export type ChoiceQuestion = SingleQuestion | MultipleQuestion;

/**
 * A learner's answer, in terms of the question as written in the bank (not as shuffled on
 * screen), so that it can be stored and graded again later.
 */
export type Answer =
  | { readonly type: 'single'; readonly choice: number }
  | { readonly type: 'multiple'; readonly choices: number[] }
  /** Step indices in the order the learner put them. */
  | { readonly type: 'ordering'; readonly order: number[] }
  /** The response picked for each prompt, in the bank's prompt order. */
  | { readonly type: 'matching'; readonly picks: string[] };

export function correctIndices(question: ChoiceQuestion): number[] {
  return question.options.flatMap((o, i) => (o.correct ? [i] : []));
}
