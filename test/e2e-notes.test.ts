import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEY, lastScreen, Terminal } from './pty.js';
import { MINI_BANK, tempDir, writeFile } from './helpers.js';

const SMALL = { cols: 80, rows: 24 } as const;
const words = (n: number) => Array.from({ length: n }, (_, i) => `note${i}`).join(' ');

/** The mini bank in a domain folder, with a study note for objective 1.1.5 beside it. */
function bankWithNote(): string {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, '1-basics'));
  fs.copyFileSync(MINI_BANK, path.join(dir, '1-basics', 'mini.yaml'));
  writeFile(dir, '1-basics/1.1.md', [
    '# Task 1.1: Explain basic AI concepts and terminologies',
    '',
    '## 1.1.5 Describe supervised learning, unsupervised learning, and reinforcement learning',
    '',
    `**Supervised learning** learns from labelled examples. ${words(160)}`,
    '',
    'References:',
    '- https://docs.aws.amazon.com/sagemaker/latest/dg/algorithms-choose.html',
    '',
  ].join('\n'));
  return dir;
}

describe('study notes in a real 80x24 terminal', () => {
  it('opens the question objective\'s note from the feedback screen with n, and Esc returns to the feedback', async () => {
    const home = tempDir();
    const term = new Terminal(['practice', '--bank-only', '--bank', bankWithNote(), '--task', '1.1', '--count', '1', '--seed', '3'], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, SMALL);
    await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    await term.type(KEY.enter);
    await term.waitFor(/n study note/);
    await term.type('n');
    const note = await term.waitFor(/1\.1\.5 {2}Describe supervised learning[\s\S]*esc back to the question/);
    expect(note).toContain('Supervised learning learns from labelled examples.');
    for (const line of lastScreen(term)) expect([...line].length).toBeLessThanOrEqual(SMALL.cols);
    await term.type(KEY.escape);
    await term.waitFor(/Study note 1\.1\.5: more with/);
    await term.type(KEY.enter);
    // The first option may have been wrong: decline the offer to review it now.
    const end = await term.waitFor(/Score: \d\/1[\s\S]*(⏎|\$)/);
    if (end.includes('Review the 1 missed question now?')) await term.type(KEY.down, KEY.enter);
    expect(await term.exitCode()).toBe(0);
  });

  it('learn: domain, task and objective menus with mastery, the note paged, Esc back a level, q quits, Ctrl+C exits 130', async () => {
    const bank = bankWithNote();
    const home = tempDir();
    const term = new Terminal(['learn', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, SMALL);
    await term.waitFor('Study notes: which domain?');
    await term.type(KEY.enter);
    await term.waitFor('Domain 1: which task?');
    await term.type(KEY.enter);
    const objectives = await term.waitFor(/Task 1\.1: which objective\?[\s\S]*none answered[\s\S]*← Back/);
    expect(objectives).toMatch(/1\.1\.5 Describe supervised learning[\s\S]*1 question, none answered/);
    for (const line of lastScreen(term)) expect([...line].length).toBeLessThanOrEqual(SMALL.cols);
    // Down to 1.1.5, the fifth objective, and open its note.
    await term.type(KEY.down, KEY.down, KEY.down, KEY.down, KEY.enter);
    await term.waitFor(/Practise objective 1\.1\.5 now/);
    await term.type(KEY.escape);
    await term.waitFor(/Task 1\.1: which objective\?/);
    await term.type(KEY.escape);
    await term.waitFor('Domain 1: which task?');
    await term.type('q');
    expect(await term.exitCode()).toBe(0);

    const again = new Terminal(['learn', '--bank-only', '--bank', bank], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, SMALL);
    await again.waitFor('Study notes: which domain?');
    await again.type(KEY.ctrlC);
    expect(await again.exitCode()).toBe(130);
    expect(again.text).not.toContain('internal error');
  });

  it('learn <objective>: the note, then "practise this objective now" runs a session on its questions', async () => {
    const home = tempDir();
    const term = new Terminal(['learn', '1.1.5', '--bank-only', '--bank', bankWithNote()], { AIF_QUIZ_HOME: home, BROWSER: 'none' }, SMALL);
    await term.waitFor(/Practise objective 1\.1\.5 now \(1 question\)/);
    await term.type(KEY.enter);
    const question = await term.waitFor(/Question 1\/1 · Domain 1 · Task 1\.1[\s\S]*D\) /);
    expect(question).toContain('Which type of learning uses data where every example has a known label?');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
  });

  it('the feedback screen shows the service-status note of a service the question names', async () => {
    const dir = tempDir();
    writeFile(dir, 'kendra.yaml', `domain: 1
questions:
  - id: k-1
    task: "1.2"
    type: single
    stem: Which AWS service is an intelligent enterprise search service?
    options:
      - { text: Amazon Kendra, correct: true, why: It searches enterprise documents. }
      - { text: Amazon Polly, why: It speaks text. }
      - { text: Amazon Lex, why: It builds bots. }
      - { text: Amazon Translate, why: It translates text. }
    explanation: Kendra is the search service.
    references: [https://docs.aws.amazon.com/kendra/latest/dg/what-is-kendra.html]
`);
    const term = new Terminal(['practice', '--bank-only', '--bank', path.join(dir, 'kendra.yaml'), '--task', '1.2', '--count', '1'], { AIF_QUIZ_HOME: tempDir(), BROWSER: 'none' }, SMALL);
    await term.waitFor(/D\) [^\n]*\n[\s\S]*q end session/);
    await term.type(KEY.enter);
    const feedback = await term.waitFor(/Service status: Amazon Kendra: closed to new[\s\S]*customers since 2026-07-30/);
    expect(feedback).not.toContain('internal error');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
  });
});
