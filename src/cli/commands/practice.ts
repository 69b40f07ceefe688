import chalk from 'chalk';
import { DOMAINS, findTask } from '../../bank/catalogue.js';
import type { Question } from '../../bank/question.js';
import type { QuestionType } from '../../bank/question.js';
import { UserError } from '../../errors.js';
import { seededRandom } from '../../engine/random.js';
import { scoreSession, type Result } from '../../engine/score.js';
import { matchesFilter, selectQuestions, type Filter } from '../../engine/select.js';
import { seenIds } from '../../progress/derive.js';
import type { ProgressStore } from '../../progress/store.js';
import { openStore } from '../store.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { askCount, askYesNo, choose } from '../prompts.js';
import { note, plural, runQuiz } from '../quiz.js';
import { renderSummary } from '../render.js';
import { requireTerminal, terminalWidth } from '../terminal.js';

export interface PracticeOptions extends BankOptions {
  readonly domain?: number;
  readonly task?: string;
  readonly type?: QuestionType;
  readonly count?: number;
  readonly seed?: number;
  readonly dataDir: string;
}

export const DEFAULT_COUNT = 10;

export async function practice(options: PracticeOptions): Promise<void> {
  const questions = await loadQuestions(options);
  requireTerminal('practice');
  const store = openStore(options.dataDir);
  const progress = store.load();
  store.ensureWritable();

  const filter = await completeFilter(questions, options);
  const available = questions.filter((q) => matchesFilter(q, filter));
  if (available.length === 0) {
    throw new UserError(`No questions match ${describeFilter(filter)}.`, 'Run aif-quiz domains to see what each domain and task has.');
  }
  const count = options.count ?? (await askCount('How many questions?', available.length, DEFAULT_COUNT));
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const picked = selectQuestions(questions, { filter, count, seen: seenIds(progress), random });
  note(`${plural(picked.length, 'question')} from ${describeFilter(filter)} · seed ${seed} (use --seed ${seed} to repeat this session)`);

  const askConfidence = progress.settings.confidence;
  const results = await runQuiz({ questions: picked, store, mode: 'practice', random, askConfidence });
  await finish(results, store, random, askConfidence);
}

/** The end of a session: the score, then an offer to go over the missed questions at once. */
export async function finish(results: readonly Result[], store: ProgressStore, random: () => number, askConfidence: boolean): Promise<void> {
  if (results.length === 0) return;
  console.log(`\n${renderSummary(scoreSession(results), terminalWidth())}\n`);
  const missed = results.filter((r) => !r.correct).map((r) => r.question);
  if (missed.length === 0) {
    console.log(chalk.green('Every answer right. Nothing to review from this session.'));
    return;
  }
  note(`Your answers are saved in ${store.file}. Missed questions wait for you in: aif-quiz review`);
  if (await askYesNo(`Review the ${plural(missed.length, 'missed question')} now?`, true)) {
    const again = await runQuiz({ questions: missed, store, mode: 'review', random, askConfidence });
    if (again.length > 0) console.log(`\n${renderSummary(scoreSession(again), terminalWidth())}\n`);
  }
}

async function completeFilter(questions: readonly Question[], options: PracticeOptions): Promise<Filter> {
  const base = { ...(options.type && { type: options.type }) };
  if (options.task) return { ...base, task: options.task };
  const domain =
    options.domain ??
    (await choose(
      'Which domain?',
      DOMAINS.filter((d) => questions.some((q) => q.domain === d.id)).map((d) => ({
        name: `${d.id}. ${d.title} (${d.weight}% of the exam, ${questions.filter((q) => q.domain === d.id).length} questions)`,
        value: d.id,
      })),
    ));
  return { ...base, domain };
}

export function describeFilter(filter: Filter): string {
  const parts = [
    filter.task ? `task ${filter.task} (${findTask(filter.task)?.title ?? 'unknown'})` : '',
    filter.domain ? `domain ${filter.domain}` : '',
    filter.type ? `type ${filter.type}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all domains';
}
