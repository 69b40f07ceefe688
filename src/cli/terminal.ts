import fs from 'node:fs';
import chalk from 'chalk';
import { hint } from './invocation.js';
import { UsageError } from '../errors.js';

/**
 * Decided once, before the first prompt: without a terminal a prompt would hit end of input and
 * look like Ctrl+C, hiding the real problem in pipes and CI.
 */
export function requireTerminal(command: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      `aif-quiz ${command} is interactive and needs a terminal, but input or output is not one.`,
      `Run it in a terminal window. In scripts use the non-interactive commands: ${hint('validate')}, ${hint('domains --json')}.`,
    );
  }
}

/** NO_COLOR (https://no-color.org) and --no-color switch colour off; FORCE_COLOR wins over NO_COLOR. */
export function configureColour(noColourFlag: boolean, env: NodeJS.ProcessEnv = process.env): void {
  if (noColourFlag || (env.NO_COLOR && !env.FORCE_COLOR)) chalk.level = 0;
}

export function terminalWidth(): number {
  const columns = process.stdout.columns || 80;
  return Math.max(40, Math.min(columns, 100));
}

const SHOW_CURSOR = '\u001B[?25h';

/**
 * Put the terminal back the way it was when the process is ended by SIGTERM or SIGHUP during a
 * prompt. The prompt library hides the cursor and puts the input in raw mode; its own clean-up
 * on a signal runs through promises and streams that never get a turn before the process dies,
 * so the cursor stayed hidden in the user's shell. This runs synchronously in the signal
 * handler, first, before the other handlers (the session's save, the exam's) do their part.
 */
export function restoreTerminalOnSignals(): void {
  if (!process.stdout.isTTY) return;
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const restore = () => {
      process.removeListener(signal, restore);
      try {
        fs.writeSync(process.stdout.fd, SHOW_CURSOR);
      } catch {
        // The terminal is gone (SIGHUP after a hang-up): nothing to restore.
      }
      try {
        if (process.stdin.isTTY) process.stdin.setRawMode(false);
      } catch {
        // As above.
      }
      // Other handlers (a session saving and reporting, the prompt library) end the process
      // themselves; alone, raise the signal again so it ends as the signal says.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, restore);
  }
}
