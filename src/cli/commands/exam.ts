import chalk from 'chalk';
import type { Answer, Question } from '../../bank/question.js';
import { InterruptedError, UsageError, UserError } from '../../errors.js';
import { drawExam, EXAM, formatClock, scoreExam, timeLeft, type ExamReport } from '../../engine/exam.js';
import { answerFits, startNav, type ExamNav, type ExamPaper } from '../../engine/exam-navigation.js';
import { grade } from '../../engine/grade.js';
import { present } from '../../engine/present.js';
import { seededRandom } from '../../engine/random.js';
import { DamagedExamError, ExamStateFile, type ExamState } from '../../progress/exam-state.js';
import type { Attempt, ExamRecord, Progress } from '../../progress/schema.js';
import { ProgressStore } from '../../progress/store.js';
import { predictionOf } from '../../progress/readiness.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { escapeText } from '../escape.js';
import { hint } from '../invocation.js';
import { choose, examScreen, isPromptExit } from '../prompts.js';
import { plural } from '../quiz.js';
import { requireTerminal } from '../terminal.js';
import { prepareStatusNotes } from '../render-status.js';
import { walkThrough } from './exam-report.js';

export interface ExamOptions extends BankOptions {
  readonly dataDir: string;
  /** Only when given on the command line: then asking for more than the banks hold is an error. */
  readonly questions?: number;
  readonly minutes?: number;
  readonly extraTime?: boolean;
  readonly seed?: number;
  readonly resume?: boolean;
  /** Feedback after each question instead of at the end. */
  readonly feedback?: boolean;
  /** Only questions never answered before (in practice, review or an exam). */
  readonly unseen?: boolean;
}

export async function exam(options: ExamOptions): Promise<void> {
  const questions = await loadQuestions(options);
  requireTerminal('exam');
  await prepareStatusNotes();
  const store = new ProgressStore(options.dataDir);
  const progress = store.load();
  store.ensureWritable();
  const saved = new ExamStateFile(options.dataDir);
  const byId = new Map(questions.map((q) => [q.id, q]));

  // Said on the exam's first screen, which clears the terminal: printed before it, they would be lost.
  const notices: string[] = [];
  let state = loadUnfinished(saved, progress, notices, options.resume === true);
  if (options.resume && !state) throw new UserError('There is no unfinished mock exam to resume.', `Start one with: ${hint('exam')}`);
  if (state && !options.resume) {
    const left = formatClock(state.limitMs - state.usedMs);
    const choice = await choose(`You have an unfinished mock exam (${Object.keys(state.answers).length}/${state.questionIds.length} answered, ${left} left).`, [
      { name: 'Resume it', value: 'resume' },
      { name: 'Abandon it and start a new exam', value: 'new' },
    ]);
    if (choice === 'new') state = undefined;
  }
  if (!state) {
    state = newExam(questions, progress, options, notices);
    saved.save(state);
  } else {
    state = reconcile(state, byId, notices);
    saved.save(state);
  }
  const session = new ExamSession(state, byId, saved, store);
  const outcome = await session.run(notices);
  // The exam is recorded and exam.json is gone: from here on nothing writes the exam state, so
  // Ctrl+C or a signal during the walk-through cannot bring the exam back.
  try {
    await walkThrough(outcome.record, outcome.report, byId, 'after');
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError(`The exam is recorded.\nReopen its report with: ${hint('exam --history')}`);
    throw error;
  }
}

/**
 * The saved exam, if there is one to continue. A damaged file has been kept aside by the store:
 * say so and go on as if there were none. A file left by an exam that was already recorded (the
 * process stopped between recording and deleting) is removed rather than offered again.
 */
function loadUnfinished(saved: ExamStateFile, progress: Progress, notices: string[], resuming: boolean): ExamState | undefined {
  let state: ExamState | undefined;
  try {
    state = saved.load();
  } catch (error) {
    // Asked to resume, there is nothing to go on with: the error says what happened and what to do.
    if (!(error instanceof DamagedExamError) || resuming) throw error;
    notices.push(`${error.message} It has been kept as ${error.keptAt}.`);
    return undefined;
  }
  if (state && progress.exams.some((e) => e.startedAt === state.startedAt)) {
    saved.clear();
    return undefined;
  }
  return state;
}

function newExam(questions: readonly Question[], progress: Progress, options: ExamOptions, notices: string[]): ExamState {
  const answeredBefore = (id: string) => Object.prototype.hasOwnProperty.call(progress.questions, id);
  const pool = options.unseen ? questions.filter((q) => !answeredBefore(q.id)) : questions;
  const which = options.unseen ? 'questions you have not answered yet' : 'questions';
  if (pool.length === 0) {
    throw new UserError(
      options.unseen ? 'You have answered every question at least once: there are no unseen questions left.' : 'There are no questions to draw an exam from.',
      options.unseen ? 'Take an exam without --unseen.' : undefined,
    );
  }
  let total = options.questions ?? EXAM.questions;
  if (total > pool.length) {
    if (options.questions !== undefined) {
      throw new UsageError(
        `--questions can be at most ${pool.length} here: the banks hold ${plural(pool.length, 'question')}${options.unseen ? ' you have not answered yet' : ''}.`,
        `Ask for ${pool.length} or fewer, for example: ${hint(`exam --questions ${Math.min(pool.length, EXAM.questions)}`)}`,
      );
    }
    notices.push(`The banks hold ${plural(pool.length, which.replace(/^questions/, 'question'))}, fewer than the real exam's ${EXAM.questions}: this exam has ${pool.length}.`);
    total = pool.length;
  }
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  // A seed repeats the same draw whatever has happened since; without one, questions not met in
  // earlier mock exams come first.
  const seen = options.seed !== undefined ? new Set<string>() : new Set(progress.exams.flatMap((e) => e.questionIds));
  const draw = drawExam(pool, total, seen, seededRandom(seed));
  // When every question of the banks is in the exam, the shares cannot be kept and need no word.
  if (draw.shortfalls.length && total < pool.length) {
    const domains = draw.shortfalls.map((s) => s.domain);
    const list = domains.length === 1 ? `Domain ${domains[0]} has` : `Domains ${domains.slice(0, -1).join(', ')} and ${domains.at(-1)} have`;
    notices.push(`${list} fewer questions than ${domains.length === 1 ? 'its share' : 'their shares'}; other domains fill the places.`);
  }
  const minutes = (options.minutes ?? EXAM.minutes) + (options.extraTime ? EXAM.extraMinutes : 0);
  return {
    version: 1,
    seed,
    startedAt: new Date().toISOString(),
    limitMs: Math.round(minutes * 60_000),
    usedMs: 0,
    questionIds: draw.questions.map((q) => q.id),
    current: 0,
    answers: nullRecord(),
    flags: [],
    warned: [],
    secondsByQuestion: nullRecord(),
    ...(options.feedback && { feedback: true }),
  };
}

function nullRecord<T>(entries: Iterable<[string, T]> = []): Record<string, T> {
  const out = Object.create(null) as Record<string, T>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}

function entries<T>(record: Record<string, T>): [string, T][] {
  return Object.keys(record).map((k) => [k, record[k]!]);
}

/**
 * Drop questions that are no longer in the banks, and answers that no longer fit their question
 * (its options changed), saying which, rather than failing the whole exam.
 */
function reconcile(state: ExamState, byId: ReadonlyMap<string, Question>, notices: string[]): ExamState {
  const gone = state.questionIds.filter((id) => !byId.has(id));
  if (gone.length === state.questionIds.length) {
    throw new UserError("None of the saved exam's questions are in the banks any more.", `Start a new exam with: ${hint('exam')} (and choose to abandon the old one).`);
  }
  if (gone.length) {
    notices.push(
      `${plural(gone.length, 'question')} of the saved exam ${gone.length === 1 ? 'is' : 'are'} no longer in the banks and ${gone.length === 1 ? 'was' : 'were'} dropped: ${gone.map(escapeText).join(', ')}`,
    );
  }
  const keep = state.questionIds.filter((id) => byId.has(id));
  const unfit = entries(state.answers).filter(([id, answer]) => byId.has(id) && !answerFits(byId.get(id)!, answer as Answer));
  if (unfit.length) {
    notices.push(`The saved answers to ${unfit.map(([id]) => escapeText(id)).join(', ')} no longer fit their questions (the banks changed) and were cleared.`);
  }
  if (!gone.length && !unfit.length) return state;
  const currentId = state.questionIds[state.current]!;
  const current = byId.has(currentId) ? keep.indexOf(currentId) : Math.min(keep.length - 1, state.questionIds.slice(0, state.current).filter((id) => byId.has(id)).length);
  const fits = (id: string) => byId.has(id) && !unfit.some(([u]) => u === id);
  return {
    ...state,
    questionIds: keep,
    answers: nullRecord(entries(state.answers).filter(([id]) => fits(id))),
    flags: state.flags.filter((id) => byId.has(id)),
    secondsByQuestion: nullRecord(entries(state.secondsByQuestion).filter(([id]) => byId.has(id))),
    current: Math.max(0, current),
  };
}

/**
 * The running exam: one screen (questions and the review screen) with a clock, saved after every
 * change. The clock runs from a start time and the time used before, so it is exact however long
 * the limit, and only while the exam is open.
 */
class ExamSession {
  private readonly questions: Question[];
  private readonly paper: ExamPaper;
  /** When the time now being counted started, and the question it counts for (none on the review screen). */
  private segmentStart = Date.now();
  private shown: number | undefined;
  private writing = true;

  constructor(
    private state: ExamState,
    private readonly byId: ReadonlyMap<string, Question>,
    private readonly saved: ExamStateFile,
    private readonly store: ProgressStore,
  ) {
    this.questions = state.questionIds.map((id) => byId.get(id)!);
    // Seeded per position, so a question looks the same each time it is shown, even after a resume.
    this.paper = { presentations: this.questions.map((q, i) => present(q, seededRandom(state.seed + i))), feedback: state.feedback === true };
    this.shown = state.current;
  }

  async run(notices: readonly string[]): Promise<{ record: ExamRecord; report: ExamReport }> {
    const onSignal = (signal: NodeJS.Signals) => {
      this.save();
      this.stopWriting();
      process.kill(process.pid, signal);
    };
    this.signalHandler = onSignal;
    process.on('SIGHUP', onSignal);
    process.on('SIGTERM', onSignal);
    // A killed process loses at most the last few seconds of the clock.
    this.heartbeat = setInterval(() => this.save(), 10_000);
    let result: { kind: 'submit' | 'timeout'; nav: ExamNav };
    try {
      if (process.stdout.isTTY) process.stdout.write('\u001B[2J\u001B[H');
      if (this.timeLeft() <= 0) result = { kind: 'timeout', nav: this.startNav() };
      else {
        result = await examScreen({
          paper: this.paper,
          start: this.startNav(),
          notices,
          limitMs: this.state.limitMs,
          timeLeft: () => this.timeLeft(),
          warned: this.state.warned,
          onChange: (nav) => this.change(nav),
          onWarning: (marks) => {
            this.state = { ...this.state, warned: marks.filter((m): m is 10 | 5 => m === 10 || m === 5) };
            this.save();
          },
        });
      }
    } catch (error) {
      if (isPromptExit(error)) {
        this.save();
        this.stopWriting();
        throw new InterruptedError(`Exam paused with ${formatClock(this.timeLeft())} left; everything is saved.\nContinue with: ${hint('exam --resume')}`);
      }
      this.stopWriting();
      throw error;
    }
    this.change(result.nav);
    this.stopWriting();
    if (result.kind === 'timeout') console.log(chalk.red.bold('Time is up. The exam is submitted as it stands.'));
    return this.submit(result.kind === 'timeout');
  }

  private heartbeat: NodeJS.Timeout | undefined;
  private signalHandler: ((signal: NodeJS.Signals) => void) | undefined;

  /** After this, nothing writes exam.json: no heartbeat, no signal handler, no save. */
  private stopWriting(): void {
    this.writing = false;
    clearInterval(this.heartbeat);
    if (this.signalHandler) {
      process.off('SIGHUP', this.signalHandler);
      process.off('SIGTERM', this.signalHandler);
    }
  }

  private startNav(): ExamNav {
    return startNav(this.paper, { current: this.state.current, answers: new Map(entries(this.state.answers) as [string, Answer][]), flags: this.state.flags });
  }

  private timeLeft(): number {
    return timeLeft(this.state.limitMs, this.state.usedMs, Date.now() - this.segmentStart);
  }

  /** Count the time since the last change to the exam (and to the question that was on screen). */
  private account(): void {
    const now = Date.now();
    const elapsed = Math.max(0, now - this.segmentStart);
    this.segmentStart = now;
    const seconds = nullRecord(entries(this.state.secondsByQuestion));
    if (this.shown !== undefined) {
      const id = this.state.questionIds[this.shown]!;
      seconds[id] = Math.round(((seconds[id] ?? 0) + elapsed / 1000) * 10) / 10;
    }
    this.state = { ...this.state, usedMs: Math.min(this.state.limitMs, this.state.usedMs + elapsed), secondsByQuestion: seconds };
  }

  private change(nav: ExamNav): void {
    this.account();
    this.shown = nav.screen === 'question' ? nav.current : undefined;
    this.state = {
      ...this.state,
      current: nav.current,
      answers: nullRecord(nav.answers),
      flags: this.state.questionIds.filter((id) => nav.flags.has(id)),
    };
    this.save();
  }

  private save(): void {
    if (!this.writing) return;
    this.account();
    this.saved.save(this.state);
  }

  /**
   * One transaction: the exam and its answers are recorded in the progress file, then the saved
   * exam is deleted. Writing the state stopped before this, so nothing can recreate it.
   */
  private submit(timedOut: boolean): { record: ExamRecord; report: ExamReport } {
    this.account();
    const answers = new Map(entries(this.state.answers) as [string, Answer][]);
    const seconds = new Map(entries(this.state.secondsByQuestion));
    // Time used is the exam clock's, review screen included, as in the history.
    const report = { ...scoreExam(this.questions, answers, seconds), secondsUsed: Math.round(this.state.usedMs / 1000) };
    const at = new Date().toISOString();
    const record: ExamRecord = {
      at,
      seed: this.state.seed,
      total: report.total,
      correct: report.correct,
      answered: report.answered,
      scaled: report.scaled,
      passed: report.passed,
      limitMinutes: this.state.limitMs / 60_000,
      secondsUsed: Math.round(this.state.usedMs / 1000),
      timedOut,
      byDomain: report.byDomain.map((d) => ({ domain: d.domain, total: d.total, correct: d.correct, seconds: d.seconds })),
      questionIds: this.state.questionIds,
      startedAt: this.state.startedAt,
      answers: this.state.questionIds.map((id) => answers.get(id) ?? null),
      flags: this.state.flags,
      // What the answers before this exam predicted, so stats can show predicted against actual.
      prediction: predictionOf(this.store.load(), [...this.byId.values()], new Date(at)),
    };
    const attempts: Attempt[] = this.questions.map((q) => {
      const answer = answers.get(q.id);
      return { id: q.id, at, ...(answer && { answer }), correct: answer !== undefined && grade(q, answer), seconds: seconds.get(q.id) ?? 0, mode: 'exam' as const };
    });
    this.store.recordExam(record, attempts, new Map(this.questions.map((q) => [q.id, q])));
    this.saved.clear();
    return { record, report };
  }
}
