import fs from 'node:fs';
import { UserError } from '../errors.js';

/** A lock older than this is left over from a crashed process and may be taken over. */
export const STALE_LOCK_MS = 10_000;
const WAIT_MS = 5_000;

/**
 * Run `work` while holding an exclusive lock file, so that two aif-quiz processes answering at
 * the same time take turns at read-merge-write and no answer is lost. A lock whose owner is gone
 * (or that is older than STALE_LOCK_MS) is recovered.
 */
export function withLock<T>(lockFile: string, work: () => T): T {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(lockFile, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid} ${Date.now()}`);
      fs.closeSync(fd);
      break;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw error;
      if (isStale(lockFile)) {
        fs.rmSync(lockFile, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new UserError(
          `Another aif-quiz process is holding ${lockFile}.`,
          'If no other aif-quiz is running, delete that file and try again.',
        );
      }
      sleep(5);
    }
  }
  try {
    return work();
  } finally {
    fs.rmSync(lockFile, { force: true });
  }
}

function isStale(lockFile: string): boolean {
  try {
    const [pid, time] = fs.readFileSync(lockFile, 'utf8').split(' ').map(Number);
    // Empty: its owner died between creating and writing it, which takes microseconds.
    if (!pid || !time) return Date.now() - fs.statSync(lockFile).mtimeMs > 1_000;
    if (Date.now() - time > STALE_LOCK_MS) return true;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false; // it vanished or is being written: just try again
  }
}

const shared = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(shared, 0, 0, ms);
}
