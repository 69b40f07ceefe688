import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, lastScreen, Terminal } from './pty.js';
import { makeBankFolder, MINI_BANK, tempDir } from './helpers.js';

const SMALL = { cols: 80, rows: 24 } as const;

/** The options of the latest answer screen, as lettered on screen ("A) text"). */
function shownOptions(screen: string): string[] {
  const start = screen.lastIndexOf('Your answer');
  const options: string[] = [];
  for (const line of screen.slice(start).split('\n')) {
    const m = /([A-H])\) (.+)$/.exec(line);
    if (m && !options.some((o) => o.startsWith(`${m[1]}) `))) options.push(`${m[1]}) ${m[2]!.trim()}`);
  }
  return options;
}

/** Move down to the option containing `text` on a fresh answer screen (cursor on the first). */
function keysTo(options: readonly string[], text: string): string[] {
  const index = options.findIndex((o) => o.includes(text));
  if (index < 0) throw new Error(`no option "${text}" in ${options.join(' | ')}`);
  return Array<string>(index).fill(KEY.down);
}

/** The list items of the latest menu or step screen: lines after `heading`, up to the key bar. */
function listItems(screen: string, heading: string): string[] {
  const after = screen.slice(screen.lastIndexOf(heading)).split('\n').slice(1);
  const items: string[] = [];
  for (const line of after) {
    if (/^(↑↓|\s*$)/.test(line)) break;
    if (/^[❯ ] \S/.test(line)) items.push(line.slice(2).trim());
  }
  return items;
}

interface Saved {
  id: string;
  correct: boolean;
  confidence?: string;
}

function attempts(dataDir: string): Saved[] {
  const file = path.join(dataDir, 'progress.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { history: Saved[] }).history : [];
}

/** No screen line wider than the terminal, and a full screen no taller than it. */
function expectFits(term: Terminal, size: { cols: number; rows: number }): string[] {
  const lines = lastScreen(term);
  for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(size.cols);
  expect(lines.length).toBeLessThanOrEqual(size.rows);
  return lines;
}

function expectCleanInterrupt(term: Terminal): void {
  expect(term.text).not.toContain('internal error');
  expect(term.text).not.toMatch(/\n\s+at \S+ \(/);
}

const bankArgs = ['--bank-only', '--bank', MINI_BANK];
const env = (home: string) => ({ AIF_QUIZ_HOME: home, BROWSER: 'none' });

describe('a practice session in a real 80x24 terminal', () => {
  it('shows question and feedback one screen each, the stem kept, and one key records the confidence', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1', '--seed', '7'], env(home), SMALL);
    const screen = await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    expect(screen).toContain('Question 1/1 · Domain 1 · Task 1.1');
    expectFits(term, SMALL);
    term.mark();
    await term.type(...keysTo(shownOptions(screen), 'Supervised learning'), KEY.enter);
    const feedback = await term.waitFor(/s sure · u unsure · g guessed · ⏎ finish/);
    // The answer is on disk before any key of the feedback screen.
    expect(attempts(home)).toMatchObject([{ id: 'mini-single', correct: true }]);
    expect(attempts(home)[0]!.confidence).toBeUndefined();
    const lines = expectFits(term, SMALL).join('\n');
    expect(lines).toContain('Which type of learning uses data where every example has a known label?');
    expect(lines).toContain('✔ Correct');
    expect(feedback).toMatch(/Next review (tomorrow|in \d+ days)/);
    term.mark();
    await term.type('u');
    await term.waitFor('Score: 1/1');
    expect(await term.exitCode()).toBe(0);
    expect(attempts(home)).toMatchObject([{ id: 'mini-single', correct: true, confidence: 'unsure' }]);
  });

  it('goes on with Enter without recording "sure" for the learner', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1'], env(home), SMALL);
    const screen = await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    term.mark();
    await term.type(...keysTo(shownOptions(screen), 'Supervised learning'), KEY.enter);
    await term.waitFor('⏎ finish');
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor('Score:');
    expect(await term.exitCode()).toBe(0);
    const [saved] = attempts(home);
    expect(saved).toBeDefined();
    expect(saved!.confidence).toBeUndefined();
  });

  it('keeps the answer when Ctrl+C comes at the confidence key, and exits with 130', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1'], env(home), SMALL);
    const screen = await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    expect(screen).toContain('a-d answer');
    term.mark();
    // The letter of an option answers with it, as in the mock exam.
    const right = shownOptions(screen).find((o) => o.includes('Supervised learning'))!;
    await term.type(right[0]!.toLowerCase());
    await term.waitFor('✔ Correct');
    await term.waitFor('s sure · u unsure');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(term.text).toContain('Interrupted. 1 answer from this session is saved');
    expectCleanInterrupt(term);
    expect(attempts(home)).toHaveLength(1);
  });

  it('pages a long feedback screen with PgDn instead of scrolling the stem away', async () => {
    const home = tempDir();
    const tiny = { cols: 60, rows: 14 };
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.2', '--type', 'multiple', '--count', '1'], env(home), tiny);
    const screen = await term.waitFor(/select 2[\s\S]*q end session/);
    const options = shownOptions(screen);
    term.mark();
    await term.type(...keysTo(options, 'Amazon Transcribe'), KEY.space);
    const polly = options.findIndex((o) => o.includes('Amazon Polly')) - options.findIndex((o) => o.includes('Amazon Transcribe'));
    await term.type(...Array<string>(Math.abs(polly)).fill(polly > 0 ? KEY.down : KEY.up), KEY.space, KEY.enter);
    await term.waitFor(/below: PgUp\/PgDn/);
    const first = expectFits(term, tiny).join('\n');
    expect(first).toContain('Which services work with speech?');
    term.mark();
    await term.type(KEY.pageDown);
    await term.waitFor(/lines above/);
    term.mark();
    await term.type('q');
    await term.waitFor('Score: 1/1');
    expect(await term.exitCode()).toBe(0);
  });

  it('answers ordering and matching one pick at a time, Esc taking the last pick back', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.3', '--count', '1'], env(home), SMALL);
    const pick = async (heading: string, step: string) => {
      const screen = await term.waitFor(new RegExp(`${heading.replace(/[?]/g, '\\?')}[\\s\\S]*q end session`));
      const items = listItems(screen, heading);
      const index = items.findIndex((l) => l.includes(step));
      expect(index, screen).toBeGreaterThanOrEqual(0);
      term.mark();
      await term.type(...Array<string>(index).fill(KEY.down), KEY.enter);
    };
    await pick('Which step comes first?', 'Deploy the model');
    await term.waitFor('Your order so far:');
    term.mark();
    await term.type(KEY.escape);
    await pick('Which step comes first?', 'Collect data');
    await pick('Which step comes second?', 'Train the model');
    await term.waitFor('✔ Correct');
    term.mark();
    await term.type(KEY.enter);
    expect(await term.exitCode()).toBe(0);

    const matching = new Terminal(['practice', ...bankArgs, '--type', 'matching', '--domain', '1', '--count', '1'], env(home), SMALL);
    const intro = await matching.waitFor('Case study: A small shop');
    expect(intro).toContain('A small online shop sells tea');
    for (const [n, answer] of [['1/3', 'Amazon Textract'], ['2/3', 'Amazon Personalize'], ['3/3', 'Amazon Translate']] as const) {
      const screen = await matching.waitFor(new RegExp(`${n} [^\\n]*:\\n[\\s\\S]*q end session`));
      // The case study is on the same screen as the question.
      expect(expectFits(matching, SMALL).join('\n')).toContain('A small online shop sells tea');
      const items = listItems(screen, `${n} `);
      const index = items.findIndex((l) => l.includes(answer));
      expect(index, screen).toBeGreaterThanOrEqual(0);
      matching.mark();
      await matching.type(...Array<string>(index).fill(KEY.down), KEY.enter);
    }
    await matching.waitFor('✔ Correct');
    matching.mark();
    await matching.type(KEY.enter);
    expect(await matching.exitCode()).toBe(0);
  });

  it('brings a missed question back in review until it is answered right', async () => {
    const home = tempDir();
    const practice = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1', '--seed', '11'], env(home), SMALL);
    const options = shownOptions(await practice.waitFor(/D\) [^\n]*\n[\s\S]*q end session/));
    practice.mark();
    await practice.type(...keysTo(options, 'Reinforcement learning'), KEY.enter);
    await practice.waitFor('✘ Incorrect');
    practice.mark();
    await practice.type('s');
    await practice.waitFor('Review the 1 missed question now?');
    practice.mark();
    await practice.type(KEY.down, KEY.enter);
    expect(await practice.exitCode()).toBe(0);
    expect(attempts(home)).toMatchObject([{ id: 'mini-single', correct: false, confidence: 'sure' }]);

    const review = new Terminal(['review', ...bankArgs, '--seed', '2'], env(home), SMALL);
    const screen = await review.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    expect(screen).toContain('Which type of learning uses data where every example has a known label?');
    review.mark();
    await review.type(...keysTo(shownOptions(screen), 'Supervised learning'), KEY.enter);
    await review.waitFor('✔ Correct');
    review.mark();
    await review.type('g');
    await review.waitFor('Every answer right');
    expect(await review.exitCode()).toBe(0);
  });

  it('repeats a --seed session exactly after the progress changed', async () => {
    const home = tempDir();
    const bank = makeBankFolder(6);
    const order = async (): Promise<string[]> => {
      const term = new Terminal(['practice', '--bank-only', '--bank', bank, '--domain', '1', '--count', '3', '--seed', '9'], env(home), SMALL);
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const screen = await term.waitFor(/Question (d1-\d) asks[\s\S]*q end session/);
        ids.push(/Question (d1-\d) asks/.exec(screen)![1]!);
        term.mark();
        await term.type(KEY.enter);
        await term.waitFor(/s sure/);
        term.mark();
        await term.type(KEY.enter);
      }
      await term.waitFor('Score:');
      term.mark();
      await term.type('q');
      expect(await term.exitCode()).toBe(0);
      return ids;
    };
    const first = await order();
    expect(attempts(home)).toHaveLength(3);
    expect(await order()).toEqual(first);
  });
});

describe('the feedback keys', () => {
  it('bookmark, report a problem and open the reference; bookmarks are practised, reports listed', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1'], env(home), SMALL);
    const question = await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    term.mark();
    await term.type(...keysTo(shownOptions(question), 'Supervised learning'), KEY.enter);
    await term.waitFor('b bookmark');
    term.mark();
    await term.type('b');
    await term.waitFor('Bookmarked.');
    term.mark();
    await term.type('o');
    await term.waitFor('No browser here');
    term.mark();
    await term.type('r');
    await term.waitFor('Your note:');
    await term.type(...'The key looks wrong'.split(''), KEY.enter);
    await term.waitFor('Report saved.');
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor('Score:');
    expect(await term.exitCode()).toBe(0);

    const list = new Terminal(['report', '--list'], env(home), SMALL);
    const out = await list.waitFor('1 report from');
    expect(out).toContain('### `mini-single`');
    expect(out).toContain('> The key looks wrong');
    expect(out).toMatch(/question hash [0-9a-f]{12}, reviewed 2026-12-01/);
    expect(await list.exitCode()).toBe(0);

    const again = new Terminal(['practice', ...bankArgs, '--bookmarked', '--count', '5'], env(home), SMALL);
    const screen = await again.waitFor(/Question 1\/1[\s\S]*q end session/);
    expect(screen).toContain('Which type of learning uses data');
    term.mark();
    await again.type('q');
    expect(await again.exitCode()).toBe(0);
  });
});

describe('menus', () => {
  it('start comes back after an activity, goes back with Esc, quits with q, and shows what is due', async () => {
    const home = tempDir();
    const term = new Terminal(['start', '--bank-only', '--bank', makeBankFolder(2)], env(home), SMALL);
    await term.waitFor(/Nothing due for review today[\s\S]*q quit/);
    expectFits(term, SMALL);
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor(/Which domain\?[\s\S]*esc back/);
    term.mark();
    await term.type(KEY.escape);
    await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor(/Which domain\?[\s\S]*esc back/);
    term.mark();
    await term.type(KEY.down, KEY.enter);
    await term.waitFor('How many questions? (1-2)');
    term.mark();
    // Esc at the count goes back to the domain list, the domain still under the cursor.
    await term.type(KEY.escape);
    const domains = await term.waitFor(/Which domain\?[\s\S]*esc back/);
    expect(domains).toMatch(/❯ 2\. /);
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor('How many questions? (1-2)');
    term.mark();
    await term.type('1', KEY.enter);
    const question = await term.waitFor(/Your answer[\s\S]*q end session/);
    term.mark();
    await term.type(...keysTo(shownOptions(question), 'Wrong one'), KEY.enter);
    await term.waitFor('✘ Incorrect');
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor(/Review the 1 missed question now\?[\s\S]*q quit/);
    term.mark();
    await term.type('q');
    const back = await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    expect(back).toContain('Review: 0 due today, 1 more answered wrong');
    term.mark();
    await term.type('q');
    expect(await term.exitCode()).toBe(0);
    expect(attempts(home)).toMatchObject([{ correct: false }]);
  });

  it('fits every menu into 60 columns, long task titles wrapped under their text', async () => {
    const narrow = { cols: 60, rows: 30 };
    const term = new Terminal(['start'], env(tempDir()), narrow);
    await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    expectFits(term, narrow);
    term.mark();
    await term.type(KEY.down, KEY.enter);
    await term.waitFor(/Which task statement\?[\s\S]*esc back/);
    const lines = expectFits(term, narrow);
    expect(lines.join('\n')).toContain('5.2 Recognize governance and compliance regulations for AI');
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor(/How many questions\? \(1-\d+\)/);
    term.mark();
    await term.type('q');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expectCleanInterrupt(term);
  });

  it('shows an unfinished mock exam above the menu and offers to resume it', async () => {
    const home = tempDir();
    const bank = makeBankFolder(2);
    const exam = new Terminal(['exam', '--bank-only', '--bank', bank, '--questions', '5', '--seed', '1'], env(home), SMALL);
    await exam.waitFor(/Question 1\/5[\s\S]*D\) /);
    exam.mark();
    await exam.type('a');
    await exam.waitFor('1/5 answered');
    await exam.type(KEY.ctrlC);
    expect(await exam.exitCode()).toBe(130);

    const term = new Terminal(['start', '--bank-only', '--bank', bank], env(home), SMALL);
    const menu = await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    expect(menu).toMatch(/Unfinished mock exam: 1\/5 answered, [\d:]+ left\./);
    expect(menu).toContain('Resume the mock exam (1/5 answered');
    term.mark();
    await term.type('q');
    expect(await term.exitCode()).toBe(0);

    // Ctrl+C at the resume-or-abandon question is a clean 130 too, and keeps the exam.
    const again = new Terminal(['exam', '--bank-only', '--bank', bank], env(home), SMALL);
    await again.waitFor('You have an unfinished mock exam');
    await again.type(KEY.ctrlC);
    expect(await again.exitCode()).toBe(130);
    expectCleanInterrupt(again);
    expect(fs.existsSync(path.join(home, 'exam.json'))).toBe(true);
  });

  it('a bare aif-quiz in a terminal opens the menu', async () => {
    const term = new Terminal([], env(tempDir()), SMALL);
    await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    term.mark();
    await term.type('q');
    expect(await term.exitCode()).toBe(0);
  });

  it('settings is a menu where Enter toggles and Esc leaves', async () => {
    const home = tempDir();
    const term = new Terminal(['settings'], env(home), SMALL);
    await term.waitFor('after each answer: on');
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor('after each answer: off');
    term.mark();
    await term.type(KEY.escape);
    await term.waitFor('confidence: off');
    expect(await term.exitCode()).toBe(0);
  });
});

describe('Ctrl+C exits 130 cleanly at every prompt', () => {
  const cases: { name: string; args: string[]; keys: string[][]; waits: (string | RegExp)[]; seedWrong?: boolean }[] = [
    { name: 'the start menu', args: ['start', ...bankArgs], keys: [], waits: [/What would you like to do\?[\s\S]*q quit/] },
    { name: '"Which domain?" from start', args: ['start', ...bankArgs], keys: [[KEY.enter]], waits: [/q quit/, /Which domain\?[\s\S]*esc back/] },
    { name: 'the task submenu', args: ['start', ...bankArgs], keys: [[KEY.down, KEY.enter]], waits: [/q quit/, /Which task statement\?[\s\S]*esc back/] },
    { name: '"Which domain?" of practice', args: ['practice', ...bankArgs], keys: [], waits: [/Which domain\?[\s\S]*q quit/] },
    { name: '"How many questions?"', args: ['practice', ...bankArgs, '--domain', '1'], keys: [], waits: ['How many questions?'] },
    { name: 'an answer screen of practice', args: ['practice', ...bankArgs, '--task', '1.1', '--count', '1'], keys: [], waits: [/q end session/] },
    { name: 'an answer screen of review', args: ['review', ...bankArgs], keys: [], waits: [/q end session/], seedWrong: true },
    { name: '"Review the missed questions now?"', args: ['practice', ...bankArgs, '--task', '1.1', '--count', '1', '--seed', '11'], keys: [], waits: [/q end session/], seedWrong: false },
    { name: 'the settings menu', args: ['settings'], keys: [], waits: [/after each answer/] },
  ];

  for (const c of cases) {
    it(`at ${c.name}`, async () => {
      const home = tempDir();
      if (c.seedWrong) {
        const missed = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1'], env(home), SMALL);
        const options = shownOptions(await missed.waitFor(/D\) [^\n]*\n[\s\S]*q end session/));
        missed.mark();
        await missed.type(...keysTo(options, 'Transfer learning'), KEY.enter);
        await missed.waitFor('⏎ finish');
        missed.mark();
        await missed.type(KEY.enter);
        await missed.waitFor('Review the 1 missed question now?');
        await missed.type('q');
        expect(await missed.exitCode()).toBe(0);
      }
      const term = new Terminal(c.args, env(home), SMALL);
      for (const [i, wait] of c.waits.entries()) {
        await term.waitFor(wait);
        term.mark();
        if (c.keys[i] !== undefined && i < c.waits.length - 1) await term.type(...c.keys[i]!);
      }
      if (c.name.startsWith('"Review the missed')) {
        const options = shownOptions(term.text);
        term.mark();
        await term.type(...keysTo(options, 'Transfer learning'), KEY.enter);
        await term.waitFor('⏎ finish');
        term.mark();
        await term.type(KEY.enter);
        await term.waitFor('Review the 1 missed question now?');
      }
      await term.type(KEY.ctrlC);
      expect(await term.exitCode()).toBe(130);
      expect(term.text).toContain('Interrupted');
      expectCleanInterrupt(term);
    });
  }
});
