import pty from 'node-pty';
import { BIN, tempDir } from './helpers.js';

/** The tests' own cache folder, never the user's. */
const CACHE = tempDir('aif-quiz-cache-');

// eslint-disable-next-line no-control-regex
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;

export const KEY = { enter: '\r', down: '\u001B[B', up: '\u001B[A', space: ' ', ctrlC: '\u0003' } as const;

/**
 * The built CLI in a real pseudo-terminal: keys go in as a person types them, and the test reads
 * what they would see (escape codes removed).
 */
export class Terminal {
  private raw = '';
  private exit: Promise<number>;
  readonly proc: pty.IPty;

  constructor(args: string[], env: Record<string, string>) {
    this.proc = pty.spawn(process.execPath, [BIN, ...args], {
      name: 'xterm-256color',
      cols: 100,
      rows: 40,
      env: cleanEnv(env),
    });
    this.proc.onData((data) => {
      this.raw += data;
    });
    this.exit = new Promise((resolve) => this.proc.onExit(({ exitCode }) => resolve(exitCode)));
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
