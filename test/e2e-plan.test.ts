import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sayDay } from '../src/engine/plan.js';
import { makeBankFolder, tempDir } from './helpers.js';
import { KEY, lastScreen, Terminal } from './pty.js';

const SMALL = { cols: 80, rows: 24 } as const;
const env = (home: string) => ({ AIF_QUIZ_HOME: home, BROWSER: 'none' });

function saved(home: string): { history: { id: string; mode: string }[]; settings: { examDate?: string } } {
  return JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as ReturnType<typeof saved>;
}

describe('the plan in the start menu, in a real terminal at 80x24', () => {
  it('shows today\'s plan above the menu and "Practise today\'s plan" runs exactly that session', async () => {
    const home = tempDir();
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    // 1 minute a day at the default 90 s a question: a plan of one new question.
    fs.writeFileSync(
      path.join(home, 'progress.json'),
      `${JSON.stringify({ version: 2, questions: {}, history: [], days: {}, calibration: {}, exams: [], settings: { confidence: false, examDate: future, minutesPerDay: 2 } })}\n`,
    );
    const bank = makeBankFolder(2);
    const term = new Terminal(['start', '--bank-only', '--bank', bank], env(home), SMALL);
    const menu = await term.waitFor(/What would you like to do\?[\s\S]*q quit/);
    expect(menu).toContain(`Plan: exam on ${sayDay(future, new Date().toISOString().slice(0, 10))} (30 days left)`);
    expect(menu).toMatch(/Today: 0 reviews \+ 1 new question · exam day at this pace: about \d+ \(\d+-\d+\)/);
    expect(menu).toContain("❯ Practise today's plan (1 question)");
    for (const line of lastScreen(term)) expect([...line].length, line).toBeLessThanOrEqual(SMALL.cols);
    term.mark();
    await term.type(KEY.enter);
    const question = await term.waitFor(/Question 1\/1[\s\S]*q end session/);
    const id = /Question (d\d-\d) asks/.exec(question)![1]!;
    // The right option's letter answers at once.
    const letter = new RegExp(`([A-D])\\) Right ${id}`).exec(question)![1]!.toLowerCase();
    term.mark();
    await term.type(letter);
    await term.waitFor(/✔ Correct[\s\S]*⏎ finish/);
    term.mark();
    await term.type(KEY.enter);
    await term.waitFor(/Every answer right[\s\S]*What would you like to do\?[\s\S]*q quit/);
    term.mark();
    await term.type('q');
    expect(await term.exitCode()).toBe(0);
    expect(saved(home).history.map((a) => a.id)).toEqual([id]);
  });

  it('leaves the menu with exit 130 on Ctrl+C', async () => {
    const home = tempDir();
    const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    fs.writeFileSync(
      path.join(home, 'progress.json'),
      `${JSON.stringify({ version: 2, questions: {}, history: [], days: {}, calibration: {}, exams: [], settings: { confidence: true, examDate: future } })}\n`,
    );
    const term = new Terminal(['start', '--bank-only', '--bank', makeBankFolder(2)], env(home), SMALL);
    await term.waitFor(/Practise today's plan[\s\S]*q quit/);
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
  });
});
