import { describe, expect, it } from 'vitest';
import { Terminal } from './pty.js';
import { MINI_BANK, tempDir } from './helpers.js';

const HIDE = '\u001B[?25l';
const SHOW = '\u001B[?25h';

/** True when the cursor is visible at the end: shown again after the last hide, and shown after the signal. */
function cursorRestored(raw: string, before: number): boolean {
  const hidden = raw.lastIndexOf(HIDE);
  return raw.lastIndexOf(SHOW) > hidden && raw.indexOf(SHOW, before) >= before;
}

const prompts: [string, string[], RegExp][] = [
  ['an answer prompt', ['practice', '--bank-only', '--bank', MINI_BANK, '--task', '1.1', '--count', '1'], /D\) /],
  ['the start menu', ['start', '--bank-only', '--bank', MINI_BANK], /What would you like to do/],
  ['a menu of the prompt library', ['practice', '--bank-only', '--bank', MINI_BANK, '--type', 'single'], /Which domain/],
];

describe('a signal during a prompt', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    for (const [where, args, ready] of prompts) {
      it(`${signal} at ${where} shows the cursor again and ends the process`, async () => {
        const term = new Terminal(args, { AIF_QUIZ_HOME: tempDir(), BROWSER: 'none' }, { cols: 80, rows: 24 });
        await term.waitFor(ready);
        // Let the prompt finish drawing (and hide the cursor) before the signal.
        await new Promise((r) => setTimeout(r, 200));
        const before = term.rawText.length;
        term.proc.kill(signal);
        await term.exitCode();
        expect(cursorRestored(term.rawText, before), JSON.stringify(term.rawText.slice(-200))).toBe(true);
      }, 30_000);
    }
  }
});
