import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import lockfile from 'proper-lockfile';
import { UserError } from '../errors.js';
import { saveError } from './atomic.js';

/**
 * A lock whose owner has not been seen for this long is left over from a crashed process and may
 * be taken over. Saves hold the lock for milliseconds, so this is far beyond any real hold.
 */
export const STALE_LOCK_MS = 10_000;
/** How long to wait for another process's lock: longer than STALE_LOCK_MS, so a dead writer's lock is always recovered. */
const WAIT_MS = STALE_LOCK_MS + 5_000;
const OWNER = 'owner';

/** The lock was taken over while this process held it: the work must start again from a fresh read. */
export class LockLostError extends Error {
  constructor(lockPath: string) {
    super(`the lock ${lockPath} was taken over by another process`);
    this.name = 'LockLostError';
  }
}

/** What the work done under the lock can ask of it. */
export interface HeldLock {
  /** Throws LockLostError unless this process still owns the lock; call it right before writing. */
  assertOwned(): void;
}

/**
 * Run `work` while holding the exclusive lock of `target`, so that two aif-quiz processes take
 * turns at read-validate-apply-write and no answer is lost.
 *
 * proper-lockfile does the locking (an atomic mkdir of `<target>.lock`, mtime-based staleness,
 * onCompromised) instead of hand-written code: it is maintained and its corner cases are known.
 * On top of it, three things it does not do on its own:
 * - an owner record (pid, host, a random token) inside the lock, so a lock whose owner process is
 *   gone is recovered at once instead of after STALE_LOCK_MS;
 * - takeover of a stale lock is serialised by a second mkdir (`<target>.lock.takeover`) and the
 *   staleness re-checked under it, so two processes can never both judge a dead writer's lock
 *   stale and both enter;
 * - only the owner releases: a lock whose token is no longer ours is left alone.
 */
export function withLock<T>(target: string, work: (lock: HeldLock) => T): T {
  const lockPath = `${target}.lock`;
  const token = `${process.pid} ${os.hostname()} ${randomBytes(8).toString('hex')}`;
  let compromised = false;
  pendingToken = token;
  let release: () => void;
  try {
    release = acquire(target, lockPath, () => (compromised = true));
  } finally {
    pendingToken = undefined;
  }
  heldToken = token;
  let owned = true;
  try {
    const held: HeldLock = {
      assertOwned() {
        if (compromised || readOwner(lockPath) !== token) {
          owned = false;
          throw new LockLostError(lockPath);
        }
        // Refresh the lock's time before the slowest step (write and flush), so no waiter judges it stale meanwhile.
        try {
          const now = new Date();
          fs.utimesSync(lockPath, now, now);
        } catch {
          // Only the refresh is lost; the owner record still says the lock is ours.
        }
      },
    };
    return work(held);
  } finally {
    if (owned && !compromised && readOwner(lockPath) !== token) owned = false;
    heldToken = undefined;
    releasing = owned ? 'remove' : 'keep';
    try {
      release();
    } catch {
      // Already released or taken over: either way it is not ours to remove any more.
    } finally {
      releasing = undefined;
    }
  }
}

/** Take the lock, waiting for another process's; a full disk or a read-only folder is a clear message. */
function acquire(target: string, lockPath: string, onCompromised: () => void): () => void {
  const deadline = Date.now() + WAIT_MS;
  for (let wait = 1; ; wait = Math.min(wait + 1, 8)) {
    try {
      return lockfile.lockSync(target, {
        lockfilePath: lockPath,
        realpath: false,
        stale: STALE_LOCK_MS,
        fs: lockFs,
        onCompromised,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ELOCKED') throw saveError(target, error);
      if (Date.now() > deadline) {
        throw new UserError(
          `Another aif-quiz process is holding ${lockPath}.`,
          'If no other aif-quiz is running, delete that folder and try again; nothing saved has been lost.',
        );
      }
      sleep(wait + Math.floor(Math.random() * wait));
    }
  }
}

function readOwner(lockPath: string): string | undefined {
  try {
    return fs.readFileSync(`${lockPath}/${OWNER}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** True when the owner record names a process of this machine that no longer exists. */
function ownerIsGone(lockPath: string): boolean {
  const owner = readOwner(lockPath);
  if (!owner) return false;
  const [pid, host] = owner.split(' ');
  if (host !== os.hostname() || !Number(pid)) return false;
  // Our own pid: ours only while we hold it (a restarted container reuses pids).
  if (Number(pid) === process.pid) return owner !== heldToken;
  return isGone(Number(pid));
}

function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function isStale(lockPath: string, stat: fs.Stats): boolean {
  return stat.mtimeMs < Date.now() - STALE_LOCK_MS || ownerIsGone(lockPath);
}

/** How the next rmdir proper-lockfile asks for is meant: releasing our own lock, or (unset) removing a stale one. */
let releasing: 'remove' | 'keep' | undefined;
/** The owner record of the lock this process holds right now, if any. */
let heldToken: string | undefined;
/** The owner record the lock being taken right now will carry. */
let pendingToken: string | undefined;

function removeLockDir(lockPath: string): void {
  // recursive: an older aif-quiz left a plain file here, and a crashed owner may leave a partial record.
  fs.rmSync(lockPath, { recursive: true });
}

/**
 * The file system proper-lockfile works through (its sync API calls the *Sync methods). Its
 * staleness check sees a lock whose owner is gone as old; its removal of a stale lock becomes
 * an atomic takeover; its release removes only a lock that is still ours.
 */
const lockFs = {
  ...fs,
  mkdirSync(dir: string): void {
    createWithOwner(dir, pendingToken ?? `${process.pid} ${os.hostname()} -`);
  },
  statSync(file: string): fs.Stats {
    const stat = fs.statSync(file);
    if (releasing === undefined && stat.isDirectory() && ownerIsGone(file)) {
      return Object.assign(Object.create(Object.getPrototypeOf(stat) as object) as fs.Stats, stat, { mtime: new Date(0), mtimeMs: 0 });
    }
    return stat;
  },
  rmdirSync(lockPath: string): void {
    if (releasing === 'keep') return;
    if (releasing === 'remove' || isOurs(lockPath)) {
      removeLockDir(lockPath);
      return;
    }
    takeOverStale(lockPath);
  },
};

/**
 * mkdir, but the new folder already holds its owner record when it appears: it is built under a
 * temporary name and renamed into place. So no process ever sees a lock without an owner (one
 * killed between the two steps would otherwise leave a lock nobody can judge for 10 seconds),
 * and since a folder with content cannot be renamed over, the rename fails when the lock is held.
 */
function createWithOwner(dir: string, token: string): void {
  const temp = `${dir}.${process.pid}-${randomBytes(6).toString('hex')}.new`;
  fs.mkdirSync(temp);
  try {
    fs.writeFileSync(`${temp}/${OWNER}`, token, { mode: 0o600 });
    fs.renameSync(temp, dir);
  } catch (error) {
    fs.rmSync(temp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR') {
      throw Object.assign(new Error(`${dir} exists`), { code: 'EEXIST' });
    }
    throw error;
  }
}

/** Folders left by a process killed while creating a lock or a takeover guard (see createWithOwner). */
export function removeDeadLockTemps(target: string): void {
  const dir = path.dirname(target);
  const prefix = `${path.basename(target)}.lock`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.new')) continue;
    const temp = path.join(dir, name);
    // The name carries its creator's pid: a killed creator may not have written the record yet.
    const pid = Number(/\.(\d+)-[0-9a-f]+\.new$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && isGone(pid)) fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** proper-lockfile's exit handler removes the locks this process holds. */
function isOurs(lockPath: string): boolean {
  return heldToken !== undefined && readOwner(lockPath) === heldToken;
}

/**
 * Remove a stale lock so that exactly one waiter can take it. Only the holder of the takeover
 * guard may remove it, and only after seeing it stale again under the guard: a process that
 * judged the old lock stale a moment ago cannot remove the fresh lock another has just taken.
 * A waiter that finds the guard held does nothing and tries again shortly.
 */
function takeOverStale(lockPath: string): void {
  const guard = `${lockPath}.takeover`;
  try {
    createWithOwner(guard, `${process.pid} ${os.hostname()} takeover`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard is held for microseconds; one whose owner is gone was left by a process killed while taking over.
    try {
      if (isStale(guard, fs.statSync(guard))) removeLockDir(guard);
    } catch {
      // Someone else removed it: try again.
    }
    return;
  }
  try {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(lockPath);
    } catch {
      return; // already gone: the next mkdir decides who gets it
    }
    if (isStale(lockPath, stat)) removeLockDir(lockPath);
  } finally {
    removeLockDir(guard);
  }
}

const shared = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(shared, 0, 0, ms);
}
