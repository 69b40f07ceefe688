import fs from 'node:fs';
import path from 'node:path';
import type { Question } from '../bank/question.js';
import { UserError } from '../errors.js';
import { applyAttempt, applyExam } from './apply.js';
import { amendConfidence } from './confidence.js';
import { ensureWritableDir, realTarget, writeFileAtomic } from './atomic.js';
import { LockLostError, removeDeadLockTemps, withLock } from './lock.js';
import { migrateV1 } from './migrate.js';
import { serialiseProgress } from './store-serialise.js';
import type { Attempt, Confidence, ExamRecord, Progress, QuestionState, Settings } from './schema.js';
import { checkProgress, checkProgressV1, ShapeError } from './schema-check.js';
import { emptyProgress, PROGRESS_VERSION } from './schema-format.js';

export const PROGRESS_FILE = 'progress.json';

/**
 * The progress file on disk. Every answer is saved as soon as it is given: under a lock, the file
 * is read afresh, the answer merged in, and the result written atomically (temporary file, fsync,
 * rename). So an interrupted session loses nothing, a crash never leaves a half-written file, and
 * two processes answering at once both keep every answer. A file that cannot be read is never
 * overwritten.
 */
export class ProgressStore {
  readonly file: string;
  private progress: Progress | undefined;
  /**
   * The exact bytes `progress` was read from or written as. A save compares the file on disk
   * with them, under the lock: equal bytes mean the parsed copy is the file, so the costly parse
   * and validation are skipped; anything else (another process saved) is read and validated
   * afresh. A byte comparison cannot be fooled the way a size and a time can.
   */
  private bytes: Buffer | undefined;
  /** Set when load() converted an older format; the CLI tells the user where the backup is. */
  migration: { from: number; backup: string } | undefined;

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, PROGRESS_FILE);
  }

  load(): Progress {
    if (this.progress) return this.progress;
    const read = readProgressFile(this.file);
    if (read.kind === 'v1') {
      const backup = path.join(this.dataDir, `progress.v1-backup-${stamp()}.json`);
      ensureWritableDir(this.dataDir);
      this.progress = withLock(this.file, (lock) => {
        // Read again under the lock: another process may have migrated (and saved) meanwhile.
        const now = readProgressFile(this.file);
        if (now.kind !== 'v1') return this.remember(now);
        fs.copyFileSync(this.file, backup, fs.constants.COPYFILE_EXCL);
        lock.assertOwned();
        this.migration = { from: 1, backup };
        return this.write(now.progress);
      });
      return this.progress;
    }
    return this.remember(read);
  }

  /** Fail early, before the first question, when answers could not be saved. */
  ensureWritable(): void {
    ensureWritableDir(this.dataDir);
  }

  /** Record one answer and save at once. */
  record(attempt: Attempt, question?: Question): void {
    this.update((p) => applyAttempt(p, attempt, question));
  }

  /** Record a finished mock exam with its answers, in one save. */
  recordExam(exam: ExamRecord, attempts: readonly Attempt[], questions: ReadonlyMap<string, Question>): void {
    this.update((p) => applyExam(p, exam, attempts, questions));
  }

  /** Add the confidence given a moment after an answer that is already saved (see amendConfidence). */
  recordConfidence(attempt: Attempt, confidence: Confidence, before: QuestionState | undefined, question?: Question): void {
    this.update((p) => amendConfidence(p, attempt, confidence, before, question));
  }

  saveSettings(settings: Settings): void {
    this.update((p) => ({ ...p, settings }));
  }

  /** Change some settings, applied to the settings as they are on disk under the lock. */
  updateSettings(change: (settings: Settings) => Settings): Settings {
    this.update((p) => ({ ...p, settings: change(p.settings) }));
    return this.load().settings;
  }

  /**
   * One read-modify-write, wholly under the lock: read the file as it is on disk now, validate
   * it, apply the change, write. An answer another process saved a moment ago is in what is read,
   * so it is kept. If the lock is lost before writing (this process was paused past the stale
   * limit and another took over), nothing is written and the whole transaction runs again.
   */
  private update(change: (progress: Progress) => Progress): void {
    ensureWritableDir(this.dataDir);
    for (let tries = 1; ; tries++) {
      try {
        this.progress = withLock(this.file, (lock) => {
          removeOrphans(this.file);
          removeDeadLockTemps(this.file);
          const next = change(this.readUnderLock());
          lock.assertOwned();
          return this.write(next);
        });
        return;
      } catch (error) {
        if (!(error instanceof LockLostError) || tries >= 3) throw error;
      }
    }
  }

  private readUnderLock(): Progress {
    let bytes: Buffer | undefined;
    try {
      bytes = fs.readFileSync(this.file);
    } catch {
      // Missing or unreadable: readProgressFile says which, and what to do.
    }
    if (bytes && this.progress && this.bytes?.equals(bytes)) return this.progress;
    const read = readProgressFile(this.file, bytes);
    if (read.kind === 'v1') {
      throw new UserError(
        `Your progress file ${this.file} was replaced by one in the old format while aif-quiz was running.`,
        'Run aif-quiz again to convert it; nothing has been written.',
      );
    }
    return this.remember(read);
  }

  private remember(read: ReadResult): Progress {
    this.progress = read.progress;
    this.bytes = read.bytes;
    return read.progress;
  }

  private write(progress: Progress): Progress {
    // The bytes written are the bytes the next save compares the file with.
    const bytes = serialiseProgress(progress);
    writeFileAtomic(this.file, bytes);
    this.bytes = bytes;
    this.progress = progress;
    return progress;
  }
}

interface ReadResult {
  readonly kind: 'v1' | 'v2' | 'missing';
  readonly progress: Progress;
  /** The bytes read; undefined when there was no file. */
  readonly bytes?: Buffer;
}

export function readProgress(file: string): Progress {
  return readProgressFile(file).progress;
}

function readProgressFile(file: string, already?: Buffer): ReadResult {
  let bytes: Buffer;
  try {
    bytes = already ?? fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', progress: emptyProgress() };
    throw new UserError(
      `Cannot read your progress file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      'Check its permissions; aif-quiz has not changed it.',
    );
  }
  const text = bytes.toString('utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw corrupt(file, `it is not valid JSON (${(error as Error).message})`);
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > PROGRESS_VERSION) {
    throw new UserError(
      `Your progress file ${file} was written by a newer version of aif-quiz (format ${version}).`,
      'Update aif-quiz; the file has not been changed.',
    );
  }
  if (version === 1) {
    const old = checkProgressV1(data);
    if (old instanceof ShapeError) throw corrupt(file, describe(old));
    return { kind: 'v1', progress: migrateV1(old), bytes };
  }
  // Checked without zod (see schema-check.ts): the same rules, at a fraction of the time and memory.
  const progress = checkProgress(data);
  if (progress instanceof ShapeError) throw corrupt(file, describe(progress));
  return { kind: 'v2', progress, bytes };
}

function describe(error: ShapeError): string {
  const where = error.at.length ? ` at ${error.at.map(String).join('.')}` : '';
  return `it does not have the expected content${where}: ${error.message}`;
}

function corrupt(file: string, reason: string): UserError {
  return new UserError(
    `Your progress file ${file} cannot be used: ${reason}.`,
    `It has not been changed. Repair it, or move it aside to start afresh:\n  mv "${file}" "${file}.bak"`,
  );
}

export function writeProgress(file: string, progress: Progress): void {
  writeFileAtomic(file, serialiseProgress(progress));
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/**
 * Temporary files left by a process killed mid-save: harmless, but they should not pile up.
 * Called under the lock, when no other process is writing one: every save is made under the
 * lock, so any temporary file still there belongs to a writer that died. They sit next to the
 * real file (write-file-atomic writes beside a symlink's target); older versions named them
 * `.progress.json.<pid>.<time>.tmp`.
 */
/**
 * write-file-atomic names its temporary files `<file>.<32-bit hash in decimal>`. A learner's own
 * copy named by its date (`progress.json.20261201`, `progress.json.261201`) has the same shape:
 * such a name is a backup, never a temporary file to clean up.
 */
function looksLikeBackup(name: string): boolean {
  const digits = /\.(\d+)$/.exec(name)?.[1] ?? '';
  const date = digits.length === 8 ? digits : digits.length === 6 ? `20${digits}` : '';
  if (!date) return false;
  const day = new Date(`${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10).replace(/-/g, '') === date && day.getUTCFullYear() >= 1990;
}

function removeOrphans(file: string): void {
  const real = realTarget(file);
  const dirs = new Set([path.dirname(file), path.dirname(real)]);
  const names = [path.basename(real), path.basename(file)].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const temp = new RegExp(`^(${names.join('|')})\\.\\d{6,10}$|^\\.progress\\.json\\.\\d+\\.\\d+\\.tmp$`);
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of entries) if (temp.test(name) && !looksLikeBackup(name)) fs.rmSync(path.join(dir, name), { force: true });
  }
}
