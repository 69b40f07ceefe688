import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, Terminal } from './pty.js';
import { MINI_BANK, tempDir } from './helpers.js';

/** The options of the latest answer prompt, as lettered on screen ("A) text"). */
function shownOptions(screen: string): string[] {
  const start = screen.lastIndexOf('Your answer');
  const options: string[] = [];
  for (const line of screen.slice(start).split('\n')) {
    const m = /([A-H])\) (.+)$/.exec(line);
    if (m && !options.some((o) => o.startsWith(`${m[1]}) `))) options.push(`${m[1]}) ${m[2]!.trim()}`);
  }
  return options;
}

/** Move down to the option containing `text` in a fresh list prompt (cursor on the first). */
function keysTo(options: readonly string[], text: string): string[] {
  const index = options.findIndex((o) => o.includes(text));
  if (index < 0) throw new Error(`no option "${text}" in ${options.join(' | ')}`);
  return Array<string>(index).fill(KEY.down);
}

function attempts(dataDir: string): { id: string; correct: boolean; confidence?: string }[] {
  const file = path.join(dataDir, 'progress.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { history: { id: string; correct: boolean }[] }).history : [];
}

const bankArgs = ['--bank-only', '--bank', MINI_BANK];

describe('a learner in a real terminal', () => {
  it('practises a task statement, answers, and gets feedback with every option explained', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1', '--seed', '7'], { AIF_QUIZ_HOME: home });
    const screen = await term.waitFor('Your answer');
    expect(screen).toContain('Question 1/1 · Domain 1 · Task 1.1');
    expect(screen).toContain('Which type of learning uses data where every example has a known label?');
    const options = shownOptions(await term.waitFor(/D\) /));
    await term.type(...keysTo(options, 'Supervised learning'), KEY.enter);
    await term.waitFor('How sure were you?');
    await term.type('u');
    const feedback = await term.waitFor('Score: 1/1');
    expect(feedback).toContain('✔ Correct');
    expect(feedback).toContain('Unsupervised learning works on unlabelled data.');
    expect(feedback).toContain('Reference: https://aws.amazon.com/what-is/machine-learning/');
    expect(await term.exitCode()).toBe(0);
    expect(attempts(home)).toMatchObject([{ id: 'mini-single', correct: true, confidence: 'unsure' }]);
  });

  it('keeps the answers given before Ctrl+C and exits with 130', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.2', '--count', '2', '--seed', '3'], { AIF_QUIZ_HOME: home });
    await term.waitFor('Your answer');
    const first = await term.waitFor(/E\) /);
    term.mark();
    if (first.includes('select 2')) {
      const options = shownOptions(first);
      // Mark Transcribe and Polly with the space bar, then submit.
      const a = options.findIndex((o) => o.includes('Amazon Transcribe'));
      const b = options.findIndex((o) => o.includes('Amazon Polly'));
      const [lo, hi] = [Math.min(a, b), Math.max(a, b)];
      await term.type(...Array<string>(lo).fill(KEY.down), KEY.space, ...Array<string>(hi - lo).fill(KEY.down), KEY.space, KEY.enter);
    } else {
      await term.type(KEY.enter, KEY.enter, KEY.enter);
    }
    await term.waitFor('How sure were you?');
    await term.type(KEY.enter);
    await term.waitFor('Continue?');
    expect(term.text).toMatch(/[✔✘] (Correct|Incorrect)/);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(term.text).toContain(`Interrupted. 1 answer from this session is saved in ${path.join(home, 'progress.json')}`);
    expect(attempts(home)).toHaveLength(1);
  });

  it('brings a missed question back in review until it is answered right', async () => {
    const home = tempDir();
    const practice = new Terminal(['practice', ...bankArgs, '--task', '1.1', '--count', '1', '--seed', '11'], { AIF_QUIZ_HOME: home });
    const options = shownOptions(await practice.waitFor(/D\) /));
    await practice.type(...keysTo(options, 'Reinforcement learning'), KEY.enter);
    await practice.waitFor('How sure were you?');
    await practice.type('s');
    await practice.waitFor('Review the 1 missed question now?');
    expect(practice.text).toContain('✘ Incorrect');
    await practice.type('n', KEY.enter);
    expect(await practice.exitCode()).toBe(0);
    expect(attempts(home)).toMatchObject([{ id: 'mini-single', correct: false }]);

    const review = new Terminal(['review', ...bankArgs, '--seed', '2'], { AIF_QUIZ_HOME: home });
    const screen = await review.waitFor(/D\) /);
    expect(screen).toContain('0 due today, 1 more answered wrong last time');
    expect(screen).toContain('Which type of learning uses data where every example has a known label?');
    await review.type(...keysTo(shownOptions(screen), 'Supervised learning'), KEY.enter);
    await review.waitFor('How sure were you?');
    await review.type('g');
    await review.waitFor('Every answer right');
    expect(await review.exitCode()).toBe(0);

    const again = new Terminal(['review', ...bankArgs], { AIF_QUIZ_HOME: home });
    await again.waitFor('Nothing to review');
    expect(await again.exitCode()).toBe(0);
  });

  it('answers ordering and matching questions step by step', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', ...bankArgs, '--task', '1.3', '--count', '1'], { AIF_QUIZ_HOME: home });
    for (const step of ['Collect data', 'Train the model']) {
      const screen = await term.waitFor(/Which step comes \w+\?[\s\S]*(Deploy the model|Train the model)/);
      term.mark();
      const lines = screen.slice(screen.lastIndexOf('Which step comes')).split('\n').slice(1).filter((l) => /^\s*[❯ ]?\s*- /.test(l));
      const index = lines.findIndex((l) => l.includes(step));
      await term.type(...Array<string>(index).fill(KEY.down), KEY.enter);
    }
    await term.waitFor('How sure were you?');
    await term.type(KEY.enter);
    await term.waitFor('✔ Correct');
    expect(await term.exitCode()).toBe(0);

    const matching = new Terminal(['practice', ...bankArgs, '--type', 'matching', '--domain', '1', '--count', '1'], { AIF_QUIZ_HOME: home });
    const intro = await matching.waitFor('Case study: A small shop');
    expect(intro).toContain('A small online shop sells tea');
    for (const answer of ['Amazon Textract', 'Amazon Personalize', 'Amazon Translate']) {
      const screen = await matching.waitFor(/\? \d\/3[^\n]*:\n(.*Amazon \w+\s*\n){4}/);
      const list = screen.slice(screen.lastIndexOf('? ')).split('\n').filter((l) => /Amazon \w+\s*$/.test(l)).slice(0, 4);
      matching.mark();
      const index = list.findIndex((l) => l.includes(answer));
      expect(index, screen).toBeGreaterThanOrEqual(0);
      await matching.type(...Array<string>(index).fill(KEY.down), KEY.enter);
    }
    await matching.waitFor('How sure were you?');
    await matching.type(KEY.enter);
    await matching.waitFor('✔ Correct');
    expect(await matching.exitCode()).toBe(0);
  });
});
