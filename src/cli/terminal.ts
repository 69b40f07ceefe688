import chalk from 'chalk';
import { UsageError } from '../errors.js';

/**
 * Decided once, before the first prompt: without a terminal a prompt would hit end of input and
 * look like Ctrl+C, hiding the real problem in pipes and CI.
 */
export function requireTerminal(command: string): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UsageError(
      `aif-quiz ${command} is interactive and needs a terminal, but input or output is not one.`,
      'Run it in a terminal window. In scripts use the non-interactive commands: aif-quiz validate, aif-quiz domains --json.',
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
