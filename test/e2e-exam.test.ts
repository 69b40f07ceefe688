import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, Terminal } from './pty.js';
import { makeBankFolder, tempDir } from './helpers.js';

interface Saved {
  history: { id: string; mode: string; correct: boolean }[];
  exams: { total: number; correct: number; answered: number; timedOut: boolean }[];
}

function progress(home: string): Saved {
  return JSON.parse(fs.readFileSync(path.join(home, 'progress.json'), 'utf8')) as Saved;
}

/** Down-arrow presses to reach the menu line containing `label` in the latest prompt on screen. */
function downsTo(screen: string, label: string, marker = '? Exam:'): string[] {
  const lines = screen.slice(screen.lastIndexOf(marker)).split('\n').slice(1);
  const items = lines.filter((l) => /^[❯ ] /.test(l));
  const index = items.findIndex((l) => l.includes(label));
  if (index < 0) throw new Error(`no "${label}" in:\n${items.join('\n')}`);
  return Array<string>(index).fill(KEY.down);
}

describe('a mock exam in a real terminal', () => {
  it('answers, flags, jumps from the review screen, survives a kill, resumes and reports', async () => {
    const bank = makeBankFolder(4);
    const home = tempDir();
    const args = ['exam', '--bank-only', '--bank', bank, '--questions', '5', '--minutes', '30', '--seed', '9'];
    const first = new Terminal(args, { AIF_QUIZ_HOME: home });

    // Question 1: answer it right.
    let screen = await first.waitFor('? Exam:');
    expect(screen).toMatch(/Question 1\/5 · 30:00 left · 0\/5 answered/);
    const id1 = /Question (d\d-\d) asks/.exec(screen)![1]!;
    first.mark();
    await first.type(KEY.enter);
    screen = await first.waitFor(/D\) /);
    const options = screen.slice(screen.lastIndexOf('Your answer')).split('\n').filter((l) => /[A-D]\) /.test(l));
    await first.type(...Array<string>(options.findIndex((l) => l.includes(`Right ${id1}`))).fill(KEY.down), KEY.enter);

    // Question 2: flag it and skip.
    screen = await first.waitFor(/Question 2\/5[\s\S]*\? Exam:[\s\S]*Skip for now/);
    first.mark();
    await first.type(...downsTo(screen, 'Flag for review'), KEY.enter);
    screen = await first.waitFor(/⚑ flagged[\s\S]*\? Exam:[\s\S]*Skip for now/);
    first.mark();
    await first.type(...downsTo(screen, 'Skip for now'), KEY.enter);

    // Question 3: open the review screen and jump back to question 1.
    screen = await first.waitFor(/Question 3\/5[\s\S]*\? Exam:[\s\S]*Review screen/);
    first.mark();
    await first.type(...downsTo(screen, 'Review screen'), KEY.enter);
    screen = await first.waitFor(/Pick a question[\s\S]*5\. UNANSWERED/);
    expect(screen).toMatch(/1\. answered/);
    expect(screen).toMatch(/2\. UNANSWERED ⚑/);
    first.mark();
    await first.type(...downsTo(screen, ' 1. answered', '? Pick a question'), KEY.enter);
    screen = await first.waitFor(/Question 1\/5[\s\S]*Your answer: [A-D][\s\S]*\? Exam:/);
    expect(screen).toContain('1/5 answered · 1 flagged');

    // The process is killed outright: the exam must survive as saved.
    first.proc.kill('SIGKILL');
    await first.exitCode();
    expect(fs.existsSync(path.join(home, 'exam.json'))).toBe(true);

    const second = new Terminal(['exam', '--resume', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    screen = await second.waitFor('? Exam:');
    expect(screen).toMatch(/Question 1\/5 · \d+:\d\d left · 1\/5 answered · 1 flagged/);
    second.mark();
    await second.type(...downsTo(screen, 'Review screen'), KEY.enter);
    screen = await second.waitFor(/Pick a question[\s\S]*5\. UNANSWERED/);
    second.mark();
    await second.type(KEY.enter); // "Submit the exam" is first
    await second.waitFor('4 questions unanswered (scored as wrong), 1 flagged');
    second.mark();
    await second.type('y', KEY.enter);
    screen = await second.waitFor('Walk through');
    expect(screen).toContain('Raw score:    1/5 correct (20%), 1 answered');
    expect(screen).toMatch(/Scaled score: \d+ \(estimate; pass mark 700\) {2}FAIL/);
    expect(screen).toContain('Needs improvement');
    second.mark();
    await second.type(KEY.enter);
    screen = await second.waitFor(/✘ Not answered|✔ Correct|✘ Incorrect/);
    await second.type(...Array<string>(1).fill(KEY.down), KEY.enter); // stop the walk-through
    expect(await second.exitCode()).toBe(0);

    const saved = progress(home);
    expect(saved.exams).toMatchObject([{ total: 5, correct: 1, answered: 1, timedOut: false }]);
    expect(saved.history.filter((a) => a.mode === 'exam')).toHaveLength(5);
    expect(saved.history.find((a) => a.id === id1)).toMatchObject({ correct: true });
    expect(fs.existsSync(path.join(home, 'exam.json'))).toBe(false);

    const history = new Terminal(['exam', '--history', '--json'], { AIF_QUIZ_HOME: home });
    await history.exitCode();
    expect(JSON.parse(history.text.slice(history.text.indexOf('{'))).exams).toHaveLength(1);
  });

  it('submits the exam as it stands when the time runs out during a prompt', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Terminal(['exam', '--bank-only', '--bank', bank, '--questions', '5', '--minutes', '0.03'], { AIF_QUIZ_HOME: home });
    await term.waitFor('? Exam:');
    await term.waitFor('Time is up. The exam is submitted as it stands.', 10_000);
    await term.waitFor('Raw score:    0/5 correct (0%), 0 answered');
    await term.type('n', KEY.enter);
    expect(await term.exitCode()).toBe(0);
    expect(progress(home).exams).toMatchObject([{ total: 5, answered: 0, timedOut: true }]);
  });

  it('pauses on Ctrl+C with everything saved, and says how to resume', async () => {
    const bank = makeBankFolder(2);
    const home = tempDir();
    const term = new Terminal(['exam', '--bank-only', '--bank', bank, '--questions', '5'], { AIF_QUIZ_HOME: home });
    await term.waitFor('? Exam:');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(term.text).toMatch(/Exam paused with 1:30:00 left|Exam paused with 1:29:5\d left/);
    expect(term.text).toContain('aif-quiz exam --resume');
    expect(fs.existsSync(path.join(home, 'exam.json'))).toBe(true);

    // A question of the saved exam disappears from the banks: it is dropped, and said so.
    const saved = JSON.parse(fs.readFileSync(path.join(home, 'exam.json'), 'utf8')) as { questionIds: string[] };
    const gone = saved.questionIds[0]!;
    const domainFile = path.join(bank, `${gone[1]}.yaml`);
    const text = fs.readFileSync(domainFile, 'utf8');
    const start = text.indexOf(`  - id: ${gone}\n`);
    const next = text.indexOf('  - id: ', start + 5);
    fs.writeFileSync(domainFile, text.slice(0, start) + (next > 0 ? text.slice(next) : ''));

    const again = new Terminal(['exam', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home });
    await again.waitFor('You have an unfinished mock exam (0/5 answered');
    await again.type(KEY.enter);
    const screen = await again.waitFor('? Exam:');
    expect(screen).toContain(`1 question of the saved exam is no longer in the banks and was dropped: ${gone}`);
    expect(screen).toMatch(/Question 1\/4 /);
    await again.type(KEY.ctrlC);
    expect(await again.exitCode()).toBe(130);
  });
});
