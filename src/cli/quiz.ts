import chalk from 'chalk';
import type { Question } from '../bank/question.js';
import { InterruptedError } from '../errors.js';
import { grade } from '../engine/grade.js';
import { present } from '../engine/present.js';
import type { Random } from '../engine/random.js';
import type { Result } from '../engine/score.js';
import type { ProgressStore } from '../progress/store.js';
import { askAnswer, askConfidence, askNext, isPromptExit } from './prompts.js';
import { renderFeedback, renderHeader, renderQuestion } from './render.js';
import { terminalWidth } from './terminal.js';
import { wrap } from './text.js';

export interface QuizOptions {
  readonly questions: readonly Question[];
  readonly store: ProgressStore;
  readonly mode: 'practice' | 'review';
  readonly random: Random;
  readonly now?: () => Date;
  /** Ask "sure / unsure / guessed" after each answer (a setting). */
  readonly askConfidence: boolean;
  /** A line shown above a question, such as a leech warning. */
  readonly noteFor?: (question: Question) => string | undefined;
}

/**
 * Ask the questions one by one with instant feedback. Each answer is saved before its feedback is
 * shown, so whatever happens next (Ctrl+C, a closed terminal) it is already on disk.
 */
export async function runQuiz(options: QuizOptions): Promise<Result[]> {
  const now = options.now ?? (() => new Date());
  const results: Result[] = [];
  const total = options.questions.length;
  try {
    for (const [i, question] of options.questions.entries()) {
      const width = terminalWidth();
      const presentation = present(question, options.random);
      console.log(`\n${renderHeader(i + 1, total, question)}\n`);
      const extra = options.noteFor?.(question);
      if (extra) console.log(`${chalk.yellow(wrap(extra, width))}\n`);
      console.log(renderQuestion(presentation, width));
      console.log('');
      const started = now();
      const answer = await askAnswer(presentation);
      const correct = grade(question, answer);
      const answeredAt = now();
      const confidence = options.askConfidence ? await askConfidence() : undefined;
      options.store.record(
        {
          id: question.id,
          at: answeredAt.toISOString(),
          answer,
          correct,
          seconds: Math.max(0, Math.round((answeredAt.getTime() - started.getTime()) / 100) / 10),
          mode: options.mode,
          ...(confidence && { confidence }),
        },
        question,
      );
      results.push({ question, correct });
      console.log(`\n${renderFeedback(presentation, answer, correct, width)}\n`);
      if (i < total - 1 && (await askNext()) === 'stop') break;
    }
  } catch (error) {
    if (isPromptExit(error)) {
      throw new InterruptedError(
        `Interrupted. ${results.length} ${results.length === 1 ? 'answer' : 'answers'} from this session ${results.length === 1 ? 'is' : 'are'} saved in ${options.store.file}.`,
      );
    }
    throw error;
  }
  return results;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function note(text: string): void {
  console.log(chalk.dim(wrap(text, terminalWidth())));
}
