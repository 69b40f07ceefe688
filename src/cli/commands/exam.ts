import chalk from 'chalk';
import { DOMAINS } from '../../bank/catalogue.js';
import type { Answer, Question } from '../../bank/question.js';
import { InterruptedError, UserError } from '../../errors.js';
import {
  drawExam,
  EXAM,
  formatClock,
  nextClockEvent,
  scoreExam,
  type ClockEvent,
  type ExamReport,
} from '../../engine/exam.js';
import { grade } from '../../engine/grade.js';
import { present, type Presentation } from '../../engine/present.js';
import { seededRandom } from '../../engine/random.js';
import { ExamStateFile, type ExamState } from '../../progress/exam-state.js';
import type { Attempt, ExamRecord } from '../../progress/schema.js';
import { ProgressStore } from '../../progress/store.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { askAnswer, askYesNo, choose, isPromptExit, type MenuItem, type PromptContext } from '../prompts.js';
import { plural } from '../quiz.js';
import { describeAnswer, renderFeedback, renderQuestion } from '../render.js';
import { requireTerminal, terminalWidth } from '../terminal.js';
import { renderExamReport } from './exam-report.js';

export interface ExamOptions extends BankOptions {
  readonly dataDir: string;
  readonly questions?: number;
  readonly minutes?: number;
  readonly extraTime?: boolean;
  readonly seed?: number;
  readonly resume?: boolean;
}

/** Clock reasons for closing an open prompt, told apart from Ctrl+C. */
class ClockAbort extends Error {
  constructor(readonly event: ClockEvent) {
    super('clock');
  }
}

export async function exam(options: ExamOptions): Promise<void> {
  const questions = await loadQuestions(options);
  requireTerminal('exam');
  const store = new ProgressStore(options.dataDir);
  const progress = store.load();
  store.ensureWritable();
  const saved = new ExamStateFile(options.dataDir);
  const byId = new Map(questions.map((q) => [q.id, q]));

  let state = saved.load();
  if (options.resume && !state) throw new UserError('There is no unfinished mock exam to resume.', 'Start one with: aif-quiz exam');
  if (state && !options.resume) {
    const left = formatClock(state.limitMs - state.usedMs);
    const choice = await choose(`You have an unfinished mock exam (${Object.keys(state.answers).length}/${state.questionIds.length} answered, ${left} left).`, [
      { name: 'Resume it', value: 'resume' },
      { name: 'Abandon it and start a new exam', value: 'new' },
    ]);
    if (choice === 'new') state = undefined;
  }
  if (!state) {
    const total = options.questions ?? EXAM.questions;
    const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
    const seen = new Set(progress.exams.flatMap((e) => e.questionIds));
    const draw = drawExam(questions, total, seen, seededRandom(seed));
    for (const s of draw.shortfalls) console.log(chalk.yellow(`Domain ${s.domain} has too few questions: the exam has ${plural(s.missing, 'question')} fewer than its share.`));
    if (draw.questions.length === 0) throw new UserError('There are no questions to draw an exam from.');
    const minutes = (options.minutes ?? EXAM.minutes) + (options.extraTime ? EXAM.extraMinutes : 0);
    state = {
      version: 1,
      seed,
      startedAt: new Date().toISOString(),
      limitMs: Math.round(minutes * 60_000),
      usedMs: 0,
      questionIds: draw.questions.map((q) => q.id),
      current: 0,
      answers: {},
      flags: [],
      warned: [],
      secondsByQuestion: {},
    };
    saved.save(state);
    console.log(
      chalk.bold(`Mock exam: ${plural(state.questionIds.length, 'question')} in ${formatClock(state.limitMs)}.`) +
        chalk.dim(' No feedback until you submit. You can skip, flag and come back to any question.'),
    );
  } else {
    state = reconcile(state, byId);
    saved.save(state);
  }
  await new ExamSession(state, byId, saved, store).run();
}

/** Drop questions that are no longer in the banks, saying which, rather than failing. */
function reconcile(state: ExamState, byId: ReadonlyMap<string, Question>): ExamState {
  const gone = state.questionIds.filter((id) => !byId.has(id));
  if (gone.length === 0) return state;
  if (gone.length === state.questionIds.length) {
    throw new UserError('None of the saved exam\'s questions are in the banks any more.', 'Start a new exam with: aif-quiz exam (and choose to abandon the old one).');
  }
  console.log(chalk.yellow(`${plural(gone.length, 'question')} of the saved exam ${gone.length === 1 ? 'is' : 'are'} no longer in the banks and ${gone.length === 1 ? 'was' : 'were'} dropped: ${gone.join(', ')}`));
  const keep = state.questionIds.filter((id) => byId.has(id));
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([id]) => byId.has(id)));
  return { ...state, questionIds: keep, answers, flags: state.flags.filter((id) => byId.has(id)), current: Math.min(state.current, keep.length - 1) };
}

type Screen = { kind: 'question'; index: number } | { kind: 'review' };

/**
 * The running exam as a small state machine: a question screen or the review screen, with the
 * clock able to close any open prompt. Every action ends in a save.
 */
class ExamSession {
  private screen: Screen;
  /** The screen the time since the last tick was spent on. */
  private shown: Screen;
  private segmentStart = Date.now();
  private readonly presentations: Presentation[];
  private readonly questions: Question[];

  constructor(
    private state: ExamState,
    byId: ReadonlyMap<string, Question>,
    private readonly saved: ExamStateFile,
    private readonly store: ProgressStore,
  ) {
    this.questions = state.questionIds.map((id) => byId.get(id)!);
    // Seeded per position, so a question looks the same each time it is shown, even after a resume.
    this.presentations = this.questions.map((q, i) => present(q, seededRandom(state.seed + i)));
    this.screen = { kind: 'question', index: state.current };
    this.shown = this.screen;
  }

  async run(): Promise<void> {
    const persist = () => this.tickAndSave();
    const onSignal = (signal: NodeJS.Signals) => {
      persist();
      process.off('SIGHUP', onSignal);
      process.off('SIGTERM', onSignal);
      process.kill(process.pid, signal);
    };
    process.on('SIGHUP', onSignal);
    process.on('SIGTERM', onSignal);
    // A killed process loses at most the last few seconds of the clock.
    const heartbeat = setInterval(persist, 10_000);
    try {
      let timedOut = false;
      for (;;) {
        const done = await this.step();
        if (done === 'submit') break;
        if (done === 'timeout') {
          timedOut = true;
          break;
        }
      }
      clearInterval(heartbeat);
      await this.submit(timedOut);
    } catch (error) {
      if (isPromptExit(error)) {
        persist();
        throw new InterruptedError(
          `Exam paused with ${formatClock(this.state.limitMs - this.state.usedMs)} left; everything is saved. Continue with: aif-quiz exam --resume`,
        );
      }
      throw error;
    } finally {
      clearInterval(heartbeat);
      process.off('SIGHUP', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }

  /** Account the time since the last tick to the exam (and the question on screen), then save. */
  private tickAndSave(): void {
    const now = Date.now();
    const elapsed = Math.max(0, now - this.segmentStart);
    this.segmentStart = now;
    const seconds = { ...this.state.secondsByQuestion };
    if (this.shown.kind === 'question') {
      const id = this.state.questionIds[this.shown.index]!;
      seconds[id] = Math.round(((seconds[id] ?? 0) + elapsed / 1000) * 10) / 10;
    }
    this.state = {
      ...this.state,
      usedMs: Math.min(this.state.limitMs, this.state.usedMs + elapsed),
      secondsByQuestion: seconds,
      current: this.screen.kind === 'question' ? this.screen.index : this.state.current,
    };
    this.saved.save(this.state);
  }

  private left(): number {
    return this.state.limitMs - this.state.usedMs - (Date.now() - this.segmentStart);
  }

  /** One screen and one action; returns whether the exam is over. */
  private async step(): Promise<'continue' | 'submit' | 'timeout'> {
    this.tickAndSave();
    this.shown = this.screen;
    const { event, inMs } = nextClockEvent(this.state.limitMs, this.state.usedMs, this.state.warned);
    if (event.kind === 'timeout' && inMs <= 0) return 'timeout';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ClockAbort(event)), inMs);
    try {
      const context: PromptContext = { signal: controller.signal };
      return this.screen.kind === 'question' ? await this.questionScreen(this.screen.index, context) : await this.reviewScreen(context);
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason instanceof ClockAbort) {
        const clock = controller.signal.reason.event;
        if (clock.kind === 'timeout') {
          console.log(chalk.red.bold('\nTime is up. The exam is submitted as it stands.'));
          this.tickAndSave();
          return 'timeout';
        }
        this.state = { ...this.state, warned: [...this.state.warned, clock.minutesLeft] };
        console.log(chalk.yellow.bold(`\n⏰ ${clock.minutesLeft} minutes left.`));
        return 'continue';
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private header(index: number): string {
    const answered = Object.keys(this.state.answers).length;
    const flagged = this.state.flags.length;
    const total = this.questions.length;
    const parts = [`Question ${index + 1}/${total}`, `${formatClock(this.left())} left`, `${answered}/${total} answered`];
    if (flagged) parts.push(`${flagged} flagged`);
    return chalk.bold.cyan(parts.join(' · '));
  }

  private async questionScreen(index: number, context: PromptContext): Promise<'continue' | 'submit'> {
    const question = this.questions[index]!;
    const presentation = this.presentations[index]!;
    const answer = this.state.answers[question.id];
    const flagged = this.state.flags.includes(question.id);
    const width = terminalWidth();
    console.log(`\n${this.header(index)}${flagged ? chalk.yellow('  ⚑ flagged') : ''}\n`);
    console.log(renderQuestion(presentation, width));
    if (answer) console.log(chalk.dim(`\nYour answer: ${describeAnswer(presentation, answer)}`));
    console.log('');

    const last = index === this.questions.length - 1;
    type Action = 'answer' | 'next' | 'previous' | 'flag' | 'review';
    const items: MenuItem<Action>[] = [
      { name: answer ? 'Change the answer' : 'Answer', value: 'answer' },
      { name: last ? 'Go to the review screen' : answer ? 'Next question' : 'Skip for now', value: last ? 'review' : 'next' },
      { name: flagged ? 'Remove the flag' : 'Flag for review', value: 'flag' },
    ];
    if (index > 0) items.push({ name: 'Previous question', value: 'previous' });
    if (!last) items.push({ name: 'Review screen: all questions, jump, submit', value: 'review' });
    const action = await choose<Action>('Exam:', items, context, answer ? (last ? 'review' : 'next') : 'answer');

    switch (action) {
      case 'answer': {
        const given = await askAnswer(presentation, context);
        this.state = { ...this.state, answers: { ...this.state.answers, [question.id]: given } };
        this.screen = last ? { kind: 'review' } : { kind: 'question', index: index + 1 };
        break;
      }
      case 'next':
        this.screen = { kind: 'question', index: index + 1 };
        break;
      case 'previous':
        this.screen = { kind: 'question', index: index - 1 };
        break;
      case 'flag':
        this.state = {
          ...this.state,
          flags: flagged ? this.state.flags.filter((id) => id !== question.id) : [...this.state.flags, question.id],
        };
        break;
      case 'review':
        this.screen = { kind: 'review' };
        break;
    }
    return 'continue';
  }

  private async reviewScreen(context: PromptContext): Promise<'continue' | 'submit'> {
    const total = this.questions.length;
    const unanswered = this.questions.filter((q) => !this.state.answers[q.id]).length;
    const flagged = this.state.flags.length;
    console.log(`\n${chalk.bold.cyan(`Review · ${formatClock(this.left())} left · ${total - unanswered}/${total} answered · ${flagged} flagged`)}\n`);
    const width = terminalWidth() - 30;
    const items: MenuItem<number>[] = [{ name: chalk.bold('Submit the exam'), value: -1 }];
    this.questions.forEach((q, i) => {
      const status = this.state.answers[q.id] ? 'answered  ' : 'UNANSWERED';
      const flag = this.state.flags.includes(q.id) ? '⚑' : ' ';
      const stem = q.stem.replace(/\s+/g, ' ');
      items.push({ name: `${String(i + 1).padStart(2)}. ${status} ${flag} ${stem.length > width ? `${stem.slice(0, width - 1)}…` : stem}`, value: i });
    });
    const picked = await choose('Pick a question to go to it, or submit:', items, context);
    if (picked >= 0) {
      this.screen = { kind: 'question', index: picked };
      return 'continue';
    }
    const warnings = [unanswered ? plural(unanswered, 'question') + ' unanswered (scored as wrong)' : '', flagged ? `${flagged} flagged` : '']
      .filter(Boolean)
      .join(', ');
    const sure = await askYesNo(`Submit the exam now?${warnings ? ` ${warnings}.` : ''}`, unanswered === 0, context);
    return sure ? 'submit' : 'continue';
  }

  private async submit(timedOut: boolean): Promise<void> {
    this.tickAndSave();
    const answers = new Map(Object.entries(this.state.answers) as [string, Answer][]);
    const seconds = new Map(Object.entries(this.state.secondsByQuestion));
    const report = scoreExam(this.questions, answers, seconds);
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
    };
    const attempts: Attempt[] = this.questions.map((q) => {
      const answer = answers.get(q.id);
      return {
        id: q.id,
        at,
        ...(answer && { answer }),
        correct: answer !== undefined && grade(q, answer),
        seconds: seconds.get(q.id) ?? 0,
        mode: 'exam' as const,
      };
    });
    this.store.recordExam(record, attempts, new Map(this.questions.map((q) => [q.id, q])));
    this.saved.clear();
    console.log(`\n${renderExamReport(report, terminalWidth())}\n`);
    await this.walkThrough(report);
  }

  /** After the report: the missed and the flagged questions with the key and every explanation. */
  private async walkThrough(report: ExamReport): Promise<void> {
    const missed = new Set(report.missed);
    const flagged = new Set(this.state.flags);
    const toShow = this.questions.map((q, i) => ({ q, i })).filter(({ q }) => missed.has(q.id) || flagged.has(q.id));
    if (toShow.length === 0) return;
    console.log(chalk.dim(`Missed questions join your review list (aif-quiz review).`));
    if (!(await askYesNo(`Walk through the ${plural(toShow.length, 'missed or flagged question')} now?`, true))) return;
    for (const [n, { q, i }] of toShow.entries()) {
      const p = this.presentations[i]!;
      const answer = this.state.answers[q.id];
      const domain = DOMAINS.find((d) => d.id === q.domain)!;
      console.log(`\n${chalk.bold.cyan(`${n + 1}/${toShow.length} · Question ${i + 1} · Domain ${domain.id} · Task ${q.task}`)}${flagged.has(q.id) ? chalk.yellow('  ⚑ flagged') : ''}\n`);
      console.log(renderQuestion(p, terminalWidth()));
      console.log(`\n${renderFeedback(p, answer, !missed.has(q.id), terminalWidth())}\n`);
      if (n < toShow.length - 1) {
        const next = await choose('Continue?', [
          { name: 'Next', value: 'next' },
          { name: 'Stop the walk-through', value: 'stop' },
        ]);
        if (next === 'stop') break;
      }
    }
  }
}
