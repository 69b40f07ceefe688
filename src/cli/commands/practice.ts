import chalk from 'chalk';
import { DOMAINS, findTask } from '../../bank/catalogue.js';
import type { Question } from '../../bank/question.js';
import type { QuestionType } from '../../bank/question.js';
import { UserError } from '../../errors.js';
import { seededRandom } from '../../engine/random.js';
import { scoreSession, type Result } from '../../engine/score.js';
import { matchesFilter, selectQuestions, type Filter } from '../../engine/select.js';
import { BookmarkStore } from '../../progress/bookmarks.js';
import { seenIds } from '../../progress/derive.js';
import type { ProgressStore } from '../../progress/store.js';
import { openStore } from '../store.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { hint } from '../invocation.js';
import { askCountOrBack, BACK, menu, QUIT } from '../prompts.js';
import { note, plural, runQuiz } from '../quiz.js';
import { renderSummary } from '../render.js';
import { requireTerminal, terminalWidth } from '../terminal.js';

export interface PracticeOptions extends BankOptions {
  readonly domain?: number;
  readonly task?: string;
  /** One objective of `task` (from `learn`). */
  readonly objective?: string;
  readonly type?: QuestionType;
  readonly count?: number;
  readonly seed?: number;
  /** Only the questions the learner bookmarked. */
  readonly bookmarked?: boolean;
  readonly dataDir: string;
  /** Run from the start menu: the first question's Esc and Back item lead back to it. */
  readonly inMenu?: boolean;
}

/** How an activity ended, for the start menu: finished, backed out (Esc), or quit (q). */
export type Outcome = 'done' | 'back' | 'quit';

export const DEFAULT_COUNT = 10;

export async function practice(options: PracticeOptions): Promise<Outcome> {
  const questions = await loadQuestions(options);
  requireTerminal('practice');
  const store = openStore(options.dataDir);
  const progress = store.load();
  store.ensureWritable();
  const only = options.bookmarked ? bookmarkedIds(options.dataDir, questions) : undefined;

  // Which domain, then how many: Esc at the count goes back to the domain, with the domain kept.
  let domain = options.domain;
  let filter: Filter;
  let available: Question[];
  let count = options.count;
  const askDomain = domain === undefined && !options.task && !only;
  for (;;) {
    if (askDomain) {
      const picked = await chooseDomain(questions.filter((q) => !options.type || q.type === options.type), options.inMenu ?? false, domain);
      if (picked === BACK || picked === QUIT) return picked === QUIT ? 'quit' : 'back';
      domain = picked;
    }
    filter = {
      ...(options.type && { type: options.type }),
      ...(options.task ? { task: options.task } : domain !== undefined && { domain }),
      ...(options.objective && { objective: options.objective }),
    };
    available = questions.filter((q) => matchesFilter(q, filter) && (!only || only.has(q.id)));
    if (available.length === 0) {
      throw new UserError(`No questions match ${describeFilter(filter, only !== undefined)}.`, `Run ${hint('domains')} to see what each domain and task has.`);
    }
    if (count !== undefined) break;
    const asked = await askCountOrBack('How many questions?', available.length, DEFAULT_COUNT);
    if (asked !== BACK) {
      count = asked;
      break;
    }
    if (!askDomain) return 'back';
  }

  const seeded = options.seed !== undefined;
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const random = seededRandom(seed);
  const picked = selectQuestions(questions, { filter, count, seen: seenIds(progress), random, seeded, ...(only && { only }) });
  const askConfidence = progress.settings.confidence;
  const results = await runQuiz({ questions: picked, store, mode: 'practice', random, askConfidence, banks: options });
  const order = seeded ? `seed ${seed}: the same questions in this order every time` : 'questions you had not seen came first';
  note(`${plural(results.length, 'question')} from ${describeFilter(filter, only !== undefined)} · ${order}`);
  await finish(results, store, random, askConfidence);
  return 'done';
}

function bookmarkedIds(dataDir: string, questions: readonly Question[]): Set<string> {
  const ids = new BookmarkStore(dataDir).ids();
  const known = new Set([...ids].filter((id) => questions.some((q) => q.id === id)));
  if (known.size === 0) {
    throw new UserError(
      ids.size === 0 ? 'You have not bookmarked any question yet.' : 'None of your bookmarked questions is in the banks loaded.',
      `Press b on a question's feedback screen to bookmark it, then: ${hint('practice --bookmarked')}`,
    );
  }
  return known;
}

async function chooseDomain(questions: readonly Question[], inMenu: boolean, initial: number | undefined) {
  return menu(
    'Which domain?',
    DOMAINS.filter((d) => questions.some((q) => q.domain === d.id)).map((d) => ({
      name: `${d.id}. ${d.title} (${d.weight}% of the exam, ${plural(questions.filter((q) => q.domain === d.id).length, 'question')})`,
      value: d.id,
    })),
    { back: inMenu, ...(initial !== undefined && { initial }) },
  );
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
  note(`Your answers are saved in ${store.file}. Missed questions wait for you in: ${hint('review')}`);
  const now = await menu(`Review the ${plural(missed.length, 'missed question')} now?`, [
    { name: 'Yes, review them now', value: true },
    { name: 'Not now', value: false },
  ]);
  if (now === true) {
    const again = await runQuiz({ questions: missed, store, mode: 'review', random, askConfidence });
    if (again.length > 0) console.log(`\n${renderSummary(scoreSession(again), terminalWidth())}\n`);
  }
}

export function describeFilter(filter: Filter, bookmarked = false): string {
  const parts = [
    bookmarked ? 'your bookmarks' : '',
    filter.task ? `task ${filter.task} (${findTask(filter.task)?.title ?? 'unknown'})` : '',
    filter.domain ? `domain ${filter.domain}` : '',
    filter.type ? `type ${filter.type}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'all domains';
}
