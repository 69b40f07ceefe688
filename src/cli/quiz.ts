import { createHash } from 'node:crypto';
import chalk from 'chalk';
import stripAnsi from 'strip-ansi';
import { Rating } from 'ts-fsrs';
import type { Question } from '../bank/question.js';
import { InterruptedError } from '../errors.js';
import { grade } from '../engine/grade.js';
import { present, type Presentation } from '../engine/present.js';
import type { Random } from '../engine/random.js';
import { reschedule } from '../engine/schedule.js';
import type { Result } from '../engine/score.js';
import { packageVersion } from '../paths.js';
import { BookmarkStore } from '../progress/bookmarks.js';
import { ReportStore } from '../progress/reports.js';
import type { Attempt, Confidence, QuestionState } from '../progress/schema.js';
import type { ProgressStore } from '../progress/store.js';
import type { ObjectiveNote } from '../bank/notes.js';
import { displayPath, studyNotes, type BankOptions } from './banks.js';
import { displayAnswer, displayPresentation } from './display-question.js';
import { escapeText } from './escape.js';
import { hint } from './invocation.js';
import { askAnswerOnScreen, askNote, BACK, isPromptExit, showScreen, type ScreenKey } from './prompts.js';
import { showNoteScreen } from './note-view.js';
import { openReference } from './reference.js';
import { renderFeedback, renderHeader, renderQuestion } from './render.js';
import { prepareStatusNotes } from './render-status.js';
import { clearScreen, type KeyHint } from './screen.js';
import { terminalWidth } from './terminal.js';
import { wrap } from './text.js';

export interface QuizOptions {
  readonly questions: readonly Question[];
  readonly store: ProgressStore;
  readonly mode: 'practice' | 'review';
  readonly random: Random;
  readonly now?: () => Date;
  /** Offer "sure / unsure / guessed" on the feedback screen (a setting). */
  readonly askConfidence: boolean;
  /** A line shown above a question, such as a leech warning. */
  readonly noteFor?: (question: Question) => string | undefined;
  /** The banks in use, whose study notes the n key shows (the shipped ones when absent). */
  readonly banks?: BankOptions;
}

/**
 * Ask the questions one screen at a time with instant feedback. Each answer is saved the moment
 * it is given, before its feedback is shown, so whatever happens next (Ctrl+C at the feedback,
 * a closed terminal) it is already on disk; a confidence key then amends that saved answer.
 */
export async function runQuiz(options: QuizOptions): Promise<Result[]> {
  await prepareStatusNotes();
  const now = options.now ?? (() => new Date());
  const results: Result[] = [];
  const total = options.questions.length;
  const bookmarks = new BookmarkStore(options.store.dataDir);
  try {
    for (const [i, question] of options.questions.entries()) {
      const presentation = present(question, options.random);
      const shown = displayPresentation(presentation);
      const extra = options.noteFor?.(question);
      const top = (w: number) => [renderHeader(i + 1, total, shown.question), '', ...(extra ? [chalk.yellow(wrap(escapeText(extra), w)), ''] : [])];
      clearScreen();
      const started = now();
      const answer = await askAnswerOnScreen(presentation, (w) => [...top(w), ...questionLines(shown, w)]);
      if (answer === 'stop') break;
      const correct = grade(question, answer);
      const answeredAt = now();
      const before = options.store.load().questions[question.id];
      const attempt: Attempt = {
        id: question.id,
        at: answeredAt.toISOString(),
        answer,
        correct,
        seconds: Math.max(0, Math.round((answeredAt.getTime() - started.getTime()) / 100) / 10),
        mode: options.mode,
      };
      // Saved before any further key: Ctrl+C on the feedback screen loses nothing.
      options.store.record(attempt, question);
      results.push({ question, correct });

      const session: FeedbackSession = {
        question,
        attempt,
        before,
        options,
        bookmarks,
        last: i === total - 1,
      };
      const feedback = (w: number) => [
        ...top(w),
        ...feedbackStem(shown, w),
        '',
        ...renderFeedback(shown, displayAnswer(answer), correct, w).split('\n'),
        '',
        ...nextReviewLines(session, w),
      ];
      if ((await feedbackScreen(session, feedback)) === 'stop') break;
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

interface FeedbackSession {
  readonly question: Question;
  readonly attempt: Attempt;
  /** The question's state before this answer, to schedule it again when a confidence is given. */
  readonly before: QuestionState | undefined;
  readonly options: QuizOptions;
  readonly bookmarks: BookmarkStore;
  readonly last: boolean;
}

/** What a feedback key does: go on ('next'), end the session ('stop'), or stay with a status line. */
type KeyOutcome = 'next' | 'stop' | { readonly status: string };

interface FeedbackKey {
  /** Key names as readline reports them. */
  readonly keys: readonly string[];
  readonly hint: KeyHint;
  /** Whether the key is offered in this session (confidence can be switched off). */
  readonly when?: (s: FeedbackSession) => boolean;
  readonly run: (s: FeedbackSession) => Promise<KeyOutcome> | KeyOutcome;
}

const END: FeedbackKey = { keys: ['q'], hint: { key: 'q', label: 'end' }, run: () => 'stop' };

/**
 * Every key of the feedback screen, in key-bar order. A new key is one entry here. A reflexive
 * ⏎ goes on without recording a confidence: "sure" is only ever what the learner said.
 */
const FEEDBACK_KEYS: readonly FeedbackKey[] = [
  { keys: ['s'], hint: { key: 's', label: 'sure' }, when: (s) => s.options.askConfidence, run: (s) => confidence(s, 'sure') },
  { keys: ['u'], hint: { key: 'u', label: 'unsure' }, when: (s) => s.options.askConfidence, run: (s) => confidence(s, 'unsure') },
  { keys: ['g'], hint: { key: 'g', label: 'guessed' }, when: (s) => s.options.askConfidence, run: (s) => confidence(s, 'guessed') },
  { keys: ['enter', 'space'], hint: { key: '⏎', label: 'next' }, run: () => 'next' },
  { keys: ['n'], hint: { key: 'n', label: 'study note' }, when: (s) => noteOf(s) !== undefined, run: (s) => studyNote(s) },
  { keys: ['o'], hint: { key: 'o', label: 'open reference' }, run: (s) => openReference(s.question.references[0]!) },
  { keys: ['b'], hint: { key: 'b', label: 'bookmark' }, run: (s) => toggleBookmark(s) },
  { keys: ['r'], hint: { key: 'r', label: 'report a problem' }, run: (s) => reportProblem(s) },
  END,
];

async function feedbackScreen(session: FeedbackSession, content: (width: number) => string[]): Promise<'next' | 'stop'> {
  const table = FEEDBACK_KEYS.filter((k) => k.when?.(session) ?? true);
  const keys: ScreenKey[] = table.map((k, n) => ({ name: String(n), keys: k.keys }));
  const hints = table.map((k) => (session.last && k.hint.label === 'next' ? { ...k.hint, label: 'finish' } : k.hint));
  let status: string | undefined;
  let offset = 0;
  for (;;) {
    clearScreen();
    // The screen that ends a session (the last question, or q) stays readable above the summary.
    const keep = (name: string) => session.last || table[Number(name)] === END;
    const pressed = await showScreen(content, keys, hints, { ...(status && { status }), offset, keep });
    offset = pressed.offset;
    const outcome = await table[Number(pressed.name)]!.run(session);
    if (outcome === 'next' || outcome === 'stop') return outcome;
    status = outcome.status;
  }
}

/** The study note of the question's objective, when the banks in use have one. */
function noteOf(s: FeedbackSession): ObjectiveNote | undefined {
  return s.question.objective === undefined ? undefined : studyNotes(s.options.banks).get(s.question.objective);
}

async function studyNote(s: FeedbackSession): Promise<KeyOutcome> {
  clearScreen();
  await showNoteScreen(noteOf(s)!);
  return { status: `Study note ${s.question.objective}: more with ${hint(`learn ${s.question.objective}`)}` };
}

function confidence(s: FeedbackSession, value: Confidence): KeyOutcome {
  s.options.store.recordConfidence(s.attempt, value, s.before, s.question);
  return 'next';
}

function toggleBookmark(s: FeedbackSession): KeyOutcome {
  const on = s.bookmarks.toggle(s.question.id);
  return { status: on ? `Bookmarked. Practise bookmarks with: ${hint('practice --bookmarked')}` : 'Bookmark removed.' };
}

async function reportProblem(s: FeedbackSession): Promise<KeyOutcome> {
  clearScreen();
  console.log(chalk.bold(wrap(`Report a problem with question ${escapeText(s.question.id)}`, terminalWidth())));
  console.log(wrap('Say what is wrong (a wrong key, an outdated fact, a typo). It is saved on this computer only.', terminalWidth()));
  const note = await askNote('Your note:');
  if (note === BACK) return { status: 'No report saved.' };
  const reports = new ReportStore(s.options.store.dataDir);
  reports.add({
    at: new Date().toISOString(),
    id: s.question.id,
    bank: {
      version: packageVersion(),
      hash: questionHash(s.question),
      file: displayPath(s.question.source.file),
      line: s.question.source.line,
      ...(s.question.reviewed && { reviewed: s.question.reviewed }),
    },
    note,
  });
  return { status: `Report saved. To send it: ${hint('report --list')}` };
}

/** A short hash of the question's content, so a report says exactly which text it was about. */
export function questionHash(question: Question): string {
  const { source: _source, ...content } = question;
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 12);
}

/**
 * The question as the answer screen shows it. A matching question's responses are the list to
 * pick from right below, so they are not listed twice: that room keeps a case study on screen.
 */
function questionLines(p: Presentation, width: number): string[] {
  const lines = renderQuestion(p, width).split('\n');
  if (p.question.type !== 'matching') return lines;
  const at = lines.findIndex((l) => stripAnsi(l).startsWith('Responses'));
  const kept = at < 0 ? lines : lines.slice(0, at);
  while (kept.length > 0 && stripAnsi(kept.at(-1)!).trim() === '') kept.pop();
  return kept;
}

/** The stem stays on the feedback screen (a case study by its title, to leave room). */
function feedbackStem(p: Presentation, width: number): string[] {
  const q = p.question;
  return [...(q.scenario ? [chalk.bold(wrap(`Case study: ${q.scenario.title}`, width)), ''] : []), ...wrap(q.stem, width).split('\n')];
}

/** "Next review in 3 days", from the FSRS card the answer just produced. */
function nextReviewLines(s: FeedbackSession, width: number): string[] {
  const card = s.options.store.load().questions[s.question.id]?.card;
  if (!card) return [];
  const at = new Date(s.attempt.at);
  const days = daysUntil(new Date(card.due), at);
  let text = `Next review ${inDays(days)}.`;
  if (s.attempt.correct && s.options.askConfidence) {
    const hard = daysUntil(new Date(reschedule(s.before?.card, Rating.Hard, at).due), at);
    if (hard !== days) text = `Next review ${inDays(days)} (${inDays(hard)} if you were unsure or guessed).`;
  }
  return [chalk.bold(wrap(text, width))];
}

function daysUntil(due: Date, from: Date): number {
  return Math.max(0, Math.round((due.getTime() - from.getTime()) / 86_400_000));
}

function inDays(days: number): string {
  return days === 0 ? 'later today' : days === 1 ? 'tomorrow' : `in ${days} days`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function note(text: string): void {
  console.log(chalk.dim(wrap(text, terminalWidth())));
}
