import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import type { QuestionSummary } from '../../bank/cache.js';
import { AppError, InterruptedError } from '../../errors.js';
import { formatClock } from '../../engine/exam.js';
import { BookmarkStore } from '../../progress/bookmarks.js';
import { reviewPlan } from '../../progress/derive.js';
import { DamagedExamError, ExamStateFile, type ExamState } from '../../progress/exam-state.js';
import { planFor, type PlanSummary } from '../../progress/plan.js';
import { loadSummaries, type BankOptions } from '../banks.js';
import { BACK, menu, QUIT, type MenuItem } from '../prompts.js';
import { plural } from '../quiz.js';
import { openStore } from '../store.js';
import { renderPlanBrief } from '../render-plan.js';
import { clearScreen } from '../screen.js';
import { requireTerminal, terminalWidth } from '../terminal.js';
import { wrap } from '../text.js';
import { practice, type Outcome } from './practice.js';
import { review } from './review.js';

type StartOptions = BankOptions & { readonly dataDir: string };

/** What the learner's data says right now: read afresh each time the menu is shown. */
interface Situation {
  readonly due: number;
  readonly wrong: number;
  readonly bookmarks: number;
  readonly exam?: { readonly answered: number; readonly total: number; readonly left: string };
  /** A saved exam that could not be used and was kept aside: said once above the menu. */
  readonly damagedExam?: string;
  /** Today's plan to the exam day, once `aif-quiz plan` has set one. */
  readonly plan?: PlanSummary;
}

/**
 * One entry of the start menu: shown when `when` says so, run when picked. An entry is one
 * object here, so that adding an activity to the menu is one line of this table.
 */
interface Activity {
  readonly id: string;
  readonly name: (s: Situation, questions: number) => string;
  readonly when?: (s: Situation) => boolean;
  readonly run: (options: StartOptions, questions: readonly QuestionSummary[]) => Promise<Outcome | void>;
}

const ACTIVITIES: readonly Activity[] = [
  {
    id: 'plan',
    name: (s) => `Practise today's plan (${plural(s.plan!.today.reviews.length + s.plan!.today.fresh.length, 'question')})`,
    when: (s) => s.plan !== undefined && s.plan.today.reviews.length + s.plan.today.fresh.length > 0,
    run: async (o) => (await import('./plan.js')).practisePlan(o),
  },
  { id: 'domain', name: () => 'Practise a domain', run: (o) => practice({ ...o, inMenu: true }) },
  { id: 'task', name: () => 'Practise a task statement', run: (o, q) => practiseTask(o, q) },
  {
    id: 'review',
    name: (s) => `Review: ${s.due} due today, ${s.wrong} more answered wrong`,
    when: (s) => s.due + s.wrong > 0,
    run: (o) => review(o),
  },
  { id: 'bookmarks', name: (s) => `Practise your bookmarks (${s.bookmarks})`, when: (s) => s.bookmarks > 0, run: (o) => practice({ ...o, bookmarked: true, inMenu: true }) },
  {
    id: 'resume',
    name: (s) => `Resume the mock exam (${s.exam!.answered}/${s.exam!.total} answered, ${s.exam!.left} left)`,
    when: (s) => s.exam !== undefined,
    run: async (o) => (await import('./exam.js')).exam({ ...o, resume: true }),
  },
  {
    id: 'exam',
    name: () => 'Take a timed mock exam (65 questions, 90 minutes)',
    run: async (o) => (await import('./exam.js')).exam({ ...o, resume: false }),
  },
  { id: 'learn', name: () => 'Read the study notes', run: async (o) => (await import('./learn.js')).learn(undefined, { ...o, inMenu: true }) },
  { id: 'stats', name: () => 'See how ready you are', run: async (o) => (await import('./stats.js')).stats({ ...o, json: false }) },
  { id: 'settings', name: () => 'Settings', run: async (o) => (await import('./settings.js')).settings({ dataDir: o.dataDir }) },
  { id: 'quit', name: () => 'Quit', run: async () => 'quit' },
];

/**
 * The front door: a menu that offers only what exists and leads into the other flows, and comes
 * back after each of them until the learner quits (q, or the Quit item). Esc inside an activity's
 * first question comes back here too.
 */
export async function start(options: StartOptions): Promise<void> {
  const questions = await loadSummaries(options);
  requireTerminal('start');
  let last: string | undefined;
  let printed = false;
  for (;;) {
    // A fresh screen for the menu, unless an activity just printed its summary.
    if (!printed) clearScreen();
    const situation = situationNow(options, questions);
    const items: MenuItem<string>[] = ACTIVITIES.filter((a) => a.when?.(situation) ?? true).map((a) => ({ name: a.name(situation, questions.length), value: a.id }));
    const picked = await menu(`aif-quiz: ${plural(questions.length, 'question')}. What would you like to do?`, items, {
      intro: (w) => introLines(situation, w),
      ...(last && items.some((i) => i.value === last) && { initial: last }),
    });
    if (picked === QUIT || picked === BACK) return;
    last = picked;
    const activity = ACTIVITIES.find((a) => a.id === picked)!;
    try {
      const outcome = await activity.run(options, questions);
      if (outcome === 'quit') return;
      printed = outcome !== 'back';
    } catch (error) {
      printed = true;
      // A problem inside one activity (no bookmarks yet, an unreadable file) is shown, and the
      // menu comes back; Ctrl+C still ends the program.
      if (!(error instanceof AppError) || error instanceof InterruptedError) throw error;
      console.log(chalk.red(wrap(error.message, terminalWidth())));
      if (error.hint) console.log(wrap(error.hint, terminalWidth()));
    }
    console.log('');
  }
}

async function practiseTask(options: StartOptions, questions: readonly QuestionSummary[]): Promise<Outcome> {
  const tasks = DOMAINS.flatMap((d) => d.tasks)
    .map((t) => ({ t, n: questions.filter((q) => q.task === t.id).length }))
    .filter(({ n }) => n > 0)
    .map(({ t, n }) => ({ name: `${t.id} ${t.title} (${n})`, value: t.id }));
  let task: string | undefined;
  for (;;) {
    const picked = await menu('Which task statement?', tasks, { back: true, ...(task && { initial: task }) });
    if (picked === BACK) return 'back';
    if (picked === QUIT) return 'quit';
    task = picked;
    const outcome = await practice({ ...options, task, inMenu: true });
    // Esc at "How many questions?" comes back to the task list, the task still chosen.
    if (outcome !== 'back') return outcome;
  }
}

function situationNow(options: StartOptions, questions: readonly QuestionSummary[]): Situation {
  const store = openStore(options.dataDir);
  const ids = new Set(questions.map((q) => q.id));
  const plan = reviewPlan(store.load(), ids, new Date(), false);
  const today = planFor(store.load(), questions, new Date());
  let unfinished: ExamState | undefined;
  let damagedExam: string | undefined;
  try {
    unfinished = new ExamStateFile(options.dataDir).load();
  } catch (error) {
    if (!(error instanceof DamagedExamError)) throw error;
    damagedExam = `${error.message} It has been kept as ${error.keptAt}.`;
  }
  const bookmarks = [...new BookmarkStore(options.dataDir).ids()].filter((id) => ids.has(id)).length;
  return {
    due: plan.due.length,
    wrong: plan.wrong.length,
    bookmarks,
    ...(damagedExam && { damagedExam }),
    ...(today && { plan: today }),
    ...(unfinished && {
      exam: { answered: Object.keys(unfinished.answers).length, total: unfinished.questionIds.length, left: formatClock(unfinished.limitMs - unfinished.usedMs) },
    }),
  };
}

/** Above the menu: what is waiting today. */
function introLines(s: Situation, width: number): string[] {
  const today = s.due > 0 ? `${plural(s.due, 'question')} due for review today` : 'Nothing due for review today';
  const lines = [`${today}${s.wrong > 0 ? `, ${s.wrong} more answered wrong` : ''}.`];
  if (s.exam) lines.push(`Unfinished mock exam: ${s.exam.answered}/${s.exam.total} answered, ${s.exam.left} left.`);
  if (s.damagedExam) lines.push(s.damagedExam);
  return [...lines.flatMap((l) => wrap(l, width).split('\n')), ...(s.plan ? renderPlanBrief(s.plan, width).flatMap((l) => l.split('\n')) : []), ''];
}
