import chalk from 'chalk';
import { seededRandom } from '../../engine/random.js';
import { reviewQueue } from '../../progress/derive.js';
import { ProgressStore } from '../../progress/store.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { note, plural, runQuiz } from '../quiz.js';
import { requireTerminal } from '../terminal.js';
import { finish } from './practice.js';

export interface ReviewOptions extends BankOptions {
  readonly count?: number;
  readonly seed?: number;
  readonly dataDir: string;
}

/** Go over the questions whose latest answer was wrong, the longest-waiting first. */
export async function review(options: ReviewOptions): Promise<void> {
  const questions = loadQuestions(options);
  const byId = new Map(questions.map((q) => [q.id, q]));
  const store = new ProgressStore(options.dataDir);
  const queue = reviewQueue(store.load(), new Set(byId.keys()));
  if (queue.length === 0) {
    console.log(chalk.green('Nothing to review: every question you have answered, your latest answer was right.'));
    note('Practise more with: aif-quiz practice');
    return;
  }
  requireTerminal('review');
  store.ensureWritable();
  const picked = queue.slice(0, options.count ?? queue.length).map((id) => byId.get(id)!);
  note(`${plural(queue.length, 'question')} to review; this session has ${picked.length}, the oldest misses first.`);
  const random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 31));
  const results = await runQuiz({ questions: picked, store, mode: 'review', random });
  await finish(results, store, random);
}
