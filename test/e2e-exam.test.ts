import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import xterm from '@xterm/headless';
import pty from 'node-pty';
import { describe, expect, it } from 'vitest';
import { BIN, makeBankFolder, tempDir } from './helpers.js';
import { cleanEnv } from './pty.js';

/**
 * The mock exam in a real pseudo-terminal of 80x24, read as the learner sees it: the output goes
 * through a terminal emulator, so a test reads the screen as it stands (redraws included), not
 * the stream of everything ever printed.
 */

const KEY = { enter: '\r', esc: '\u001B', right: '\u001B[C', left: '\u001B[D', down: '\u001B[B', up: '\u001B[A', ctrlC: '\u0003' } as const;

class Screen {
  readonly proc: pty.IPty;
  private readonly term: xterm.Terminal;
  private pending: Promise<void> = Promise.resolve();
  private raw = '';
  private readonly exit: Promise<number>;

  constructor(
    args: string[],
    env: Record<string, string>,
    readonly size = { cols: 80, rows: 24 },
  ) {
    this.term = new xterm.Terminal({ cols: size.cols, rows: size.rows, allowProposedApi: true });
    this.proc = pty.spawn(process.execPath, [BIN, ...args], { name: 'xterm-256color', cols: size.cols, rows: size.rows, env: cleanEnv(env) });
    this.proc.onData((data) => {
      this.raw += data;
      this.pending = this.pending.then(() => new Promise<void>((resolve) => this.term.write(data, resolve)));
    });
    this.exit = new Promise((resolve) => this.proc.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** The visible screen, one string per row, trailing spaces removed. */
  async lines(): Promise<string[]> {
    await this.pending;
    const buffer = this.term.buffer.active;
    return Array.from({ length: this.size.rows }, (_, i) => buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '');
  }

  async text(): Promise<string> {
    return (await this.lines()).join('\n');
  }

  /** Everything printed, escape codes removed: for messages printed as the process ends. */
  get printed(): string {
    // eslint-disable-next-line no-control-regex
    return this.raw.replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g, '').replace(/\r/g, '');
  }

  async waitFor(pattern: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = await this.text();
      if (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)) return screen;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(pattern)}. Screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 40));
    }
  }

  async type(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.proc.write(key);
      // Esc alone is told apart from an escape sequence by a pause.
      await new Promise((r) => setTimeout(r, key === KEY.esc ? 200 : 80));
    }
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    return Promise.race([
      this.exit,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`did not exit:\n${this.printed.slice(-2000)}`)), timeoutMs)),
    ]);
  }
}

interface SavedExam {
  total: number;
  correct: number;
  answered: number;
  timedOut: boolean;
  answers?: unknown[];
  flags?: string[];
  prediction?: { expected: number; low: number; high: number; passProbability: number };
}

function progress(home: string): { history: { id: string; mode: string; correct: boolean }[]; exams: SavedExam[] } {
  return JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as ReturnType<typeof progress>;
}

/** The id of the question on screen (the test banks' stems read "Question dN-i asks ..."). */
function questionId(screen: string): string {
  return /Question (d\d-\d) asks/.exec(screen)![1]!;
}

/** The letter key of the right option ("Right dN-i") on screen. */
function rightLetter(screen: string): string {
  const id = questionId(screen);
  return new RegExp(`([A-D])\\) Right ${id}`).exec(screen)![1]!.toLowerCase();
}

function wrongLetter(screen: string): string {
  return /([A-D])\) Wrong one/.exec(screen)![1]!.toLowerCase();
}

const clockOf = (screen: string) => /⏱ (\d+:\d\d) left/.exec(screen)![1]!;

describe('the mock exam screen in a real terminal at 80x24', () => {
  it('answers by key, moves, flags, reviews from the first unanswered question, jumps, ticks, submits and reopens from the history', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '5', '--minutes', '30', '--seed', '9'], { AIF_QUIZ_HOME: home });

    // One screen: the header at the top, the stem and every option at once, the keys at the bottom.
    let screen = await term.waitFor(/Question 1\/5[\s\S]*D\) [\s\S]*r\/esc review/);
    const rows = await term.lines();
    expect(rows[0]).toMatch(/^Question 1\/5 · ⏱ (30:00|29:5\d) left · 0\/5 answered · 0 flagged/);
    expect(screen).toMatch(/m flag/);
    const first = questionId(screen);

    // The clock ticks: the screen changes between two reads more than a second apart.
    const before = clockOf(screen);
    await new Promise((r) => setTimeout(r, 2200));
    expect(clockOf(await term.text())).not.toBe(before);

    // Answer by its letter: the option is marked and "Your answer" shows the option text.
    await term.type(rightLetter(screen));
    screen = await term.waitFor('1/5 answered');
    expect(screen).toMatch(new RegExp(`\\(•\\) [A-D]\\) Right ${first}`));
    expect(screen).toMatch(new RegExp(`Your answer: [A-D]\\) Right ${first}`));

    // Next question, flag it, and back: the first answer is still there.
    await term.type(KEY.right);
    screen = await term.waitFor('Question 2/5');
    await term.type('m');
    screen = await term.waitFor(/⚑ flagged[\s\S]*1 flagged|1 flagged[\s\S]*⚑ flagged/);
    await term.type(KEY.left);
    screen = await term.waitFor('Question 1/5');
    expect(screen).toMatch(new RegExp(`\\(•\\) [A-D]\\) Right ${first}`));

    // Esc opens the review screen, its cursor on the first unanswered question (2, flagged).
    await term.type(KEY.esc);
    screen = await term.waitFor(/Review · [\s\S]*Submit the exam/);
    expect(screen).toMatch(/ 1\. answered {5}/);
    expect(screen).toMatch(/❯ 2\. unanswered ⚑/);
    expect(screen).toContain('4 not answered');

    // Jump to question 4, answer it wrong; Esc back to review, submit with confirmation.
    await term.type(KEY.down, KEY.down, KEY.enter);
    screen = await term.waitFor('Question 4/5');
    await term.type(wrongLetter(screen));
    await term.waitFor('2/5 answered');
    await term.type(KEY.esc);
    screen = await term.waitFor(/❯ 2\. unanswered/);
    await term.type('s');
    await term.waitFor('Submit the exam now? 3 unanswered (scored as wrong), 1 flagged.');
    await term.type('y');

    // The report, then the walk-through of the missed and flagged questions.
    screen = await term.waitFor('Mock exam result');
    expect(screen).toContain('Raw score:    1/5 correct (20%), 2 answered');
    expect(screen).toMatch(/Scaled score: \d+ \(estimate; pass mark 700\) ✘ FAIL/);
    // Where the result fell against the readiness model's prediction from the answers before it.
    expect(screen).toMatch(/Predicted: +\d+-\d+ \(about \d+, \d+% to pass\): (within|below|above) the range/);
    expect(fs.existsSync(path.join(home, 'exam.json'))).toBe(false);
    await term.type(KEY.right);
    screen = await term.waitFor(/1\/4: question 2 · .*⚑ flagged/);
    expect(screen).toContain('✘ Not answered');
    await term.type('q');
    expect(await term.exitCode()).toBe(0);

    const saved = progress(home);
    expect(saved.exams).toMatchObject([{ total: 5, correct: 1, answered: 2, timedOut: false }]);
    expect(saved.exams[0]!.answers).toHaveLength(5);
    // The readiness model's prediction from the answers before the exam is recorded with it.
    const prediction = saved.exams[0]!.prediction!;
    expect(prediction.low).toBeLessThanOrEqual(prediction.expected);
    expect(prediction.high).toBeGreaterThanOrEqual(prediction.expected);
    expect(saved.history.filter((a) => a.mode === 'exam')).toHaveLength(5);
    expect(saved.history.find((a) => a.id === first)).toMatchObject({ correct: true });

    // The history reopens the report and walks through every question, with the answer given.
    const history = new Screen(['exam', '--history', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    screen = await history.waitFor(/Past mock exams \(1\)[\s\S]*❯ .*1\/5 right/);
    await history.type(KEY.enter);
    screen = await history.waitFor('Raw score:    1/5 correct (20%), 2 answered');
    await history.type(KEY.right);
    screen = await history.waitFor('1/5: question 1');
    expect(screen).toContain('✔ Correct');
    expect(screen).toMatch(/✔ [A-D]\) Right .* \(correct, your answer\)/);
    await history.type('q');
    await history.waitFor('Past mock exams (1)');
    await history.type('q');
    expect(await history.exitCode()).toBe(0);

    const json = spawnSync(process.execPath, [BIN, 'exam', '--history', '--json'], { env: cleanEnv({ AIF_QUIZ_HOME: home }), encoding: 'utf8' });
    expect(JSON.parse(json.stdout).exams).toMatchObject([{ total: 5, correct: 1, answered: 2 }]);
  });

  it('fits 60 columns: no line of the question or review screen is cut by the terminal', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '5', '--seed', '4'], { AIF_QUIZ_HOME: home }, { cols: 60, rows: 30 });
    let screen = await term.waitFor(/Question 1\/5[\s\S]*ctrl\+c pause/);
    expect((await term.lines())[0]).toMatch(/^Question 1\/5 · ⏱/);
    // Every key bar entry stays whole on one line.
    expect(screen).toMatch(/(^|· )r\/esc review/m);
    await term.type('r');
    screen = await term.waitFor('Submit the exam');
    for (const line of screen.split('\n')) expect(line.length).toBeLessThanOrEqual(60);
    expect(screen).toMatch(/❯ 1\. unanswered {3}Question d\d-\d asks something about domain…/);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
  });

  it('with --feedback shows right or wrong and the explanation after each question, and keeps the answer final', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Screen(['exam', '--feedback', '--bank-only', '--bank', bank, '--questions', '3', '--seed', '5'], { AIF_QUIZ_HOME: home });
    let screen = await term.waitFor(/Question 1\/3[\s\S]*⏎ check/);
    await term.type(rightLetter(screen));
    // Picked but not yet checked: nothing is graded.
    screen = await term.waitFor('(•)');
    expect(screen).not.toContain('✔ Correct');
    await term.type(KEY.enter);
    screen = await term.waitFor('✔ Correct');
    expect(screen).toContain('1/3 answered');
    await term.type('b');
    await term.waitFor('This answer has been checked and is final.');
    await term.type(KEY.enter);
    screen = await term.waitFor('Question 2/3');
    await term.type(wrongLetter(screen), KEY.enter);
    screen = await term.waitFor('✘ Incorrect');
    expect(screen).toMatch(/Why: Because d\d-\d\./);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);

    // The mode is part of the saved exam: a resume keeps feedback and the checked answers final.
    const again = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    screen = await again.waitFor('Question 2/3');
    expect(screen).toContain('✘ Incorrect');
    await again.type(KEY.ctrlC);
    expect(await again.exitCode()).toBe(130);
  });

  it('pauses on Ctrl+C with everything saved; --resume continues on the same question with the clock as it was', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '5'], { AIF_QUIZ_HOME: home });
    let screen = await term.waitFor(/Question 1\/5[\s\S]*D\) /);
    await term.type(rightLetter(screen), KEY.right);
    await term.waitFor('Question 2/5');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(term.printed).toMatch(/Exam paused with 1:(30:00|29:\d\d) left; everything is saved\./);
    // The hint names the command as it was run, which may be a long path that wraps.
    expect(term.printed.replace(/\s+/g, ' ')).toMatch(/Continue with: .*aif-quiz(\.js)? exam --resume/);
    const saved = JSON.parse(fs.readFileSync(path.join(home, 'exam.json'), 'utf8')) as { questionIds: string[]; current: number };
    expect(saved.current).toBe(1);

    const again = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    screen = await again.waitFor('Question 2/5');
    expect(screen).toMatch(/⏱ 1:(30:00|29:\d\d) left · 1\/5 answered/);
    await again.type(KEY.ctrlC);
    expect(await again.exitCode()).toBe(130);

    // A question of the saved exam disappears from the banks: it is dropped, and said so on the first screen.
    const gone = saved.questionIds[4]!;
    const domainFile = path.join(bank, `${gone[1]}.yaml`);
    const text = fs.readFileSync(domainFile, 'utf8');
    const start = text.indexOf(`  - id: ${gone}\n`);
    const next = text.indexOf('  - id: ', start + 5);
    fs.writeFileSync(domainFile, text.slice(0, start) + (next > 0 ? text.slice(next) : ''));
    const third = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    screen = await third.waitFor('Question 2/4');
    expect(screen.replace(/\n/g, ' ')).toContain(`1 question of the saved exam is no longer in the banks and was dropped: ${gone}`);
    await third.type(KEY.ctrlC);
    expect(await third.exitCode()).toBe(130);
  });

  it('does not bring a submitted exam back when Ctrl+C or SIGTERM comes during the walk-through', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const exam = path.join(home, 'exam.json');
    for (const stop of ['ctrl+c', 'SIGTERM'] as const) {
      const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '3'], { AIF_QUIZ_HOME: home });
      await term.waitFor('Question 1/3');
      await term.type('r', 's', 'y');
      await term.waitFor('Mock exam result');
      expect(fs.existsSync(exam)).toBe(false);
      await term.type(KEY.right);
      await term.waitFor('1/3: question 1');
      if (stop === 'ctrl+c') {
        await term.type(KEY.ctrlC);
        expect(await term.exitCode()).toBe(130);
        expect(term.printed).toContain('The exam is recorded.');
      } else {
        term.proc.kill('SIGTERM');
        await term.exitCode();
      }
      expect(fs.existsSync(exam)).toBe(false);
    }
    // Counted once each, and nothing to resume.
    expect(progress(home).exams).toHaveLength(2);
    const resume = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    expect(await resume.exitCode()).toBe(1);
    expect(resume.printed).toContain('There is no unfinished mock exam to resume.');

    // A process stopped between recording the exam and deleting exam.json leaves the file behind:
    // it is recognised as the recorded exam by its start time and removed, not offered again.
    const recorded = JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as { exams: { startedAt: string; questionIds: string[] }[] };
    const leftover = { version: 1, seed: 1, startedAt: recorded.exams[0]!.startedAt, limitMs: 60_000, usedMs: 0, questionIds: recorded.exams[0]!.questionIds, current: 0, answers: {}, flags: [], warned: [], secondsByQuestion: {} };
    fs.writeFileSync(exam, JSON.stringify(leftover));
    const stale = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    expect(await stale.exitCode()).toBe(1);
    expect(stale.printed).toContain('There is no unfinished mock exam to resume.');
    expect(fs.existsSync(exam)).toBe(false);
    expect(progress(home).exams).toHaveLength(2);
  });

  it('warns at the 5- and 10-minute marks and submits the exam as it stands at zero', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    // 5 minutes and 2 seconds: the 5-minute warning comes two seconds in.
    const warned = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '3', '--minutes', '5.034'], { AIF_QUIZ_HOME: home });
    await warned.waitFor('Question 1/3');
    await warned.waitFor('⏰ 5 minutes left', 10_000);
    await warned.type(KEY.ctrlC);
    expect(await warned.exitCode()).toBe(130);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'exam.json'), 'utf8'))).toMatchObject({ warned: [5] });
    fs.rmSync(path.join(home, 'exam.json'));

    // And the 10-minute warning, two seconds into a 10-minute exam.
    const ten = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '3', '--minutes', '10.034'], { AIF_QUIZ_HOME: home });
    await ten.waitFor('Question 1/3');
    await ten.waitFor('⏰ 10 minutes left', 10_000);
    await ten.type(KEY.ctrlC);
    expect(await ten.exitCode()).toBe(130);
    expect(JSON.parse(fs.readFileSync(path.join(home, 'exam.json'), 'utf8'))).toMatchObject({ warned: [10] });
    fs.rmSync(path.join(home, 'exam.json'));

    const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '5', '--minutes', '0.04'], { AIF_QUIZ_HOME: home });
    await term.waitFor('Question 1/5');
    await term.waitFor('Raw score:    0/5 correct (0%), 0 answered', 15_000);
    expect(await term.text()).toContain('time is up: submitted as it stood');
    await term.type('q');
    expect(await term.exitCode()).toBe(0);
    expect(progress(home).exams).toMatchObject([{ total: 5, answered: 0, timedOut: true }]);
  });

  it('keeps a damaged exam.json aside, says what to do, and starts afresh', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const file = path.join(home, 'exam.json');
    const state = {
      version: 1,
      seed: 1,
      startedAt: '2026-12-01T10:00:00.000Z',
      limitMs: 5_400_000,
      usedMs: 0,
      questionIds: ['d1-0', 'd2-0'],
      current: 7,
      answers: {},
      flags: [],
      warned: [],
      secondsByQuestion: {},
    };
    fs.writeFileSync(file, JSON.stringify(state));
    const resume = spawnSync(process.execPath, [BIN, 'exam', '--resume', '--bank-only', '--bank', bank], { env: cleanEnv({ AIF_QUIZ_HOME: home }), encoding: 'utf8' });
    // Without a terminal the command stops before reading anything: run it in one.
    expect(resume.status).toBe(2);

    const term = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    expect(await term.exitCode()).toBe(1);
    // The message is wrapped to the terminal: read it as one paragraph.
    const said = term.printed.replace(/\s+/g, ' ');
    expect(said).toMatch(/The saved mock exam could not be used: current: question 8 is past the last one \(2\)\./);
    expect(said).toMatch(/kept as .*exam\.json\.damaged-/);
    expect(term.printed).not.toMatch(/internal error|TypeError/);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readdirSync(home).filter((f) => f.startsWith('exam.json.damaged-'))).toHaveLength(1);

    fs.writeFileSync(file, '{"version": 1, "seed": ');
    const fresh = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '3'], { AIF_QUIZ_HOME: home });
    const screen = await fresh.waitFor('Question 1/3');
    expect(screen.replace(/\n/g, ' ')).toContain('The saved mock exam could not be used: it is not valid JSON.');
    await fresh.type(KEY.ctrlC);
    expect(await fresh.exitCode()).toBe(130);
    expect(fs.readdirSync(home).filter((f) => f.startsWith('exam.json.damaged-'))).toHaveLength(2);

    // Well formed, but an answer that does not fit its question (the bank changed): that answer
    // is cleared, said so, and the rest of the exam goes on.
    fs.writeFileSync(file, JSON.stringify({ ...state, current: 1, answers: { 'd1-0': { type: 'single', choice: 9 }, 'd2-0': { type: 'single', choice: 0 } } }));
    const resumed = new Screen(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    const shown = (await resumed.waitFor('Question 2/2')).replace(/\n/g, ' ');
    expect(shown).toContain('The saved answers to d1-0 no longer fit their questions (the banks changed) and were cleared.');
    expect(shown).toContain('1/2 answered');
    await resumed.type(KEY.ctrlC);
    expect(await resumed.exitCode()).toBe(130);
  });
});

describe('exam options that cannot work', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: cleanEnv({ AIF_QUIZ_HOME: tempDir() }), encoding: 'utf8' });

  it('bounds --minutes, saying the maximum', () => {
    for (const minutes of ['36000', '601', '0', 'abc']) {
      const result = run(['exam', '--minutes', minutes]);
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('--minutes must be a number greater than 0 and at most 600');
    }
  });

  it('refuses --json without --history, --history with --resume, and setup options with --resume', () => {
    expect(run(['exam', '--json'])).toMatchObject({ status: 2, stderr: expect.stringContaining('exam --json needs --history') });
    expect(run(['exam', '--history', '--resume'])).toMatchObject({ status: 2, stderr: expect.stringContaining('do not go together') });
    expect(run(['exam', '--resume', '--minutes', '20'])).toMatchObject({ status: 2, stderr: expect.stringContaining('--minutes only apply to a new exam') });
  });

  it('refuses more questions than the banks hold, naming the maximum', async () => {
    const bank = makeBankFolder(2);
    const term = new Screen(['exam', '--bank-only', '--bank', bank, '--questions', '1000'], { AIF_QUIZ_HOME: tempDir() });
    expect(await term.exitCode()).toBe(2);
    expect(term.printed).toContain('--questions can be at most 10 here: the banks hold 10 questions.');
  });
});
