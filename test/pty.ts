import pty from 'node-pty';
import { BIN, tempDir } from './helpers.js';

/** The tests' own cache folder, never the user's. */
const CACHE = tempDir('aif-quiz-cache-');

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;

export const KEY = { enter: '\r', down: '\u001B[B', up: '\u001B[A', space: ' ', ctrlC: '\u0003', escape: '\u001B', pageDown: '\u001B[6~', pageUp: '\u001B[5~' } as const;

/** A terminal size; the default stays 100x40 for the older tests. */
export interface TerminalSize {
  readonly cols: number;
  readonly rows: number;
}

/**
 * The built CLI in a real pseudo-terminal: keys go in as a person types them, and the test reads
 * what they would see (escape codes removed).
 */
export class Terminal {
  private raw = '';
  private exit: Promise<number>;
  readonly proc: pty.IPty;

  constructor(args: string[], env: Record<string, string>, size: TerminalSize = { cols: 100, rows: 40 }) {
    this.proc = pty.spawn(process.execPath, [process.env.AIF_QUIZ_TEST_BIN ?? BIN, ...args], {
      name: 'xterm-256color',
      cols: size.cols,
      rows: size.rows,
      env: cleanEnv(env),
    });
    this.proc.onData((data) => {
      this.raw += data;
    });
    this.exit = new Promise((resolve) => this.proc.onExit(({ exitCode }) => resolve(exitCode)));
  }

  /** Everything written so far, escape codes included. */
  get rawText(): string {
    return this.raw;
  }

  /** Everything shown so far, without escape codes. */
  get text(): string {
    return this.raw.replace(ANSI, '').replace(/\r/g, '');
  }

  /** The output since the last mark, so a test can wait for the next screen. */
  private markAt = 0;
  mark(): void {
    this.markAt = this.text.length;
  }
  get sinceMark(): string {
    return this.text.slice(this.markAt);
  }

  async waitFor(pattern: string | RegExp, timeoutMs = 15_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    const found = () => {
      const screen = this.sinceMark;
      return typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen);
    };
    while (!found()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${String(pattern)}. Screen:\n${this.text.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.sinceMark;
  }

  /** Type keys with a short pause between them, as a person would. */
  async type(...keys: string[]): Promise<void> {
    for (const key of keys) {
      this.proc.write(key);
      await new Promise((r) => setTimeout(r, 60));
    }
  }

  async exitCode(timeoutMs = 15_000): Promise<number> {
    return Promise.race([
      this.exit,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error(`did not exit. Screen:\n${this.text.slice(-3000)}`)), timeoutMs)),
    ]);
  }
}

/** Press the digit of the list item whose line contains `text` in the latest menu. */
export function positionOf(screen: string, labels: readonly string[], text: string): number {
  const index = labels.findIndex((l) => l.includes(text));
  if (index < 0) throw new Error(`"${text}" not among ${labels.join(' | ')}\n${screen}`);
  return index;
}

/** The test's environment without colour forcing, plus `extra`; colour off so screens are plain text. */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'FORCE_COLOR') env[k] = v;
  return { ...env, NO_COLOR: '1', AIF_QUIZ_CACHE: CACHE, ...extra };
}

/**
 * The lines of the latest full screen: everything after the last clear-screen sequence, escape
 * codes removed, for tests that check what fits at once on a screen of a given size.
 */
export function lastScreen(term: Terminal): string[] {
  const raw = term.rawText;
  const cleared = raw.slice(Math.max(0, raw.lastIndexOf('\u001B[2J')));
  // A prompt redraws itself by erasing its lines (ESC[2K … ESC[G) and writing them again.
  const redrawn = cleared.lastIndexOf('\u001B[2K\u001B[G');
  const latest = redrawn < 0 ? cleared : cleared.slice(redrawn);
  return latest.replace(ANSI, '').replace(/\r/g, '').replace(/\n+$/, '').split('\n');
}
