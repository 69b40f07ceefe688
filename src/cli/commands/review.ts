import chalk from 'chalk';
import { seededRandom } from '../../engine/random.js';
import type { Question } from '../../bank/question.js';
import { isLeech, reviewPlan } from '../../progress/derive.js';
import { openStore } from '../store.js';
import { loadQuestions, studyNotes, type BankOptions } from '../banks.js';
import { hint } from '../invocation.js';
import { note, plural, runQuiz } from '../quiz.js';
import { requireTerminal } from '../terminal.js';
import { finish, type Outcome } from './practice.js';

export interface ReviewOptions extends BankOptions {
  readonly count?: number;
  readonly dueOnly?: boolean;
  readonly seed?: number;
  readonly dataDir: string;
}

/**
 * Spaced review: questions whose FSRS card is due come first, then the rest of the questions
 * whose latest answer was wrong, the longest-waiting first.
 */
export async function review(options: ReviewOptions): Promise<Outcome> {
  const questions = await loadQuestions(options);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const store = openStore(options.dataDir);
  const progress = store.load();
  const plan = reviewPlan(progress, new Set(byId.keys()), new Date(), options.dueOnly ?? false);
  const queue = [...plan.due, ...plan.wrong];
  if (queue.length === 0) {
    console.log(
      chalk.green(
        options.dueOnly
          ? `Nothing is due today. Come back tomorrow, or review wrong answers with: ${hint('review')}`
          : 'Nothing to review: no question is due, and your latest answer to every question was right.',
      ),
    );
    note(`Practise more with: ${hint('practice')}`);
    return 'done';
  }
  requireTerminal('review');
  store.ensureWritable();
  const picked = queue.slice(0, options.count ?? queue.length).map((id) => byId.get(id)!);
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const askConfidence = progress.settings.confidence;
  const noteFor = (q: Question) =>
    isLeech(store.load(), q.id)
      ? `Leech: you have missed this question ${store.load().questions[q.id]?.wrong} times. Drilling is not working; ` +
        (q.objective && studyNotes(options).has(q.objective)
          ? `read the study note of objective ${q.objective} first (n on the feedback screen, or ${hint(`learn ${q.objective}`)}), then the reference page: ${q.references[0]}`
          : `read the reference page first (o on the feedback screen opens it): ${q.references[0]}`)
      : undefined;
  const results = await runQuiz({ questions: picked, store, mode: 'review', random, askConfidence, noteFor, banks: options });
  note(`${plan.due.length} due today, ${plan.wrong.length} more answered wrong last time; this session had ${plural(results.length, 'question')}.`);
  await finish(results, store, random, askConfidence);
  return 'done';
}
