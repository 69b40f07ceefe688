import fs from 'node:fs';
import path from 'node:path';
import type { Question } from '../bank/question.js';
import { UserError } from '../errors.js';
import { applyAttempt, applyExam } from './apply.js';
import { amendConfidence } from './confidence.js';
import { ensureWritableDir, writeFileAtomic } from './atomic.js';
import { withLock } from './lock.js';
import { migrateV1 } from './migrate.js';
import {
  emptyProgress,
  PROGRESS_VERSION,
  progressSchema,
  progressV1Schema,
  type Attempt,
  type Confidence,
  type ExamRecord,
  type Progress,
  type QuestionState,
  type Settings,
} from './schema.js';

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
  /** The file as this process last read or wrote it: unchanged on disk means no re-read. */
  private stamp: string | undefined;
  /** Set when load() converted an older format; the CLI tells the user where the backup is. */
  migration: { from: number; backup: string } | undefined;

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, PROGRESS_FILE);
  }

  private get lockFile(): string {
    return `${this.file}.lock`;
  }

  load(): Progress {
    if (this.progress) return this.progress;
    const read = readProgressFile(this.file);
    if (read.kind === 'v1') {
      const backup = path.join(this.dataDir, `progress.v1-backup-${stamp()}.json`);
      withLock(this.lockFile, () => {
        fs.copyFileSync(this.file, backup, fs.constants.COPYFILE_EXCL);
        writeProgress(this.file, read.progress);
      });
      this.migration = { from: 1, backup };
    }
    this.progress = read.progress;
    this.stamp = fileStamp(this.file);
    return this.progress;
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

  private update(change: (progress: Progress) => Progress): void {
    this.load();
    ensureWritableDir(this.dataDir);
    this.progress = withLock(this.lockFile, () => {
      removeOrphans(this.dataDir);
      // Another process may have saved answers since this one last did: then read afresh and
      // merge. Parsing and validating the whole file is the costly part of a save, so it is
      // skipped when the file on disk is still the one this process wrote.
      const current = this.progress && this.stamp !== undefined && fileStamp(this.file) === this.stamp ? this.progress : readProgressFile(this.file).progress;
      const next = change(current);
      writeProgress(this.file, next);
      this.stamp = fileStamp(this.file);
      return next;
    });
  }
}

type ReadResult = { kind: 'v2' | 'missing'; progress: Progress } | { kind: 'v1'; progress: Progress };

export function readProgress(file: string): Progress {
  return readProgressFile(file).progress;
}

function readProgressFile(file: string): ReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing', progress: emptyProgress() };
    throw new UserError(
      `Cannot read your progress file ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`,
      'Check its permissions; aif-quiz has not changed it.',
    );
  }
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
    const old = progressV1Schema.safeParse(data);
    if (!old.success) throw corrupt(file, describe(old.error));
    return { kind: 'v1', progress: migrateV1(old.data) };
  }
  const result = progressSchema.safeParse(data);
  if (!result.success) throw corrupt(file, describe(result.error));
  return { kind: 'v2', progress: result.data };
}

function describe(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0]!;
  const where = issue.path.length ? ` at ${issue.path.map(String).join('.')}` : '';
  return `it does not have the expected content${where}: ${issue.message}`;
}

function corrupt(file: string, reason: string): UserError {
  return new UserError(
    `Your progress file ${file} cannot be used: ${reason}.`,
    `It has not been changed. Repair it, or move it aside to start afresh:\n  mv "${file}" "${file}.bak"`,
  );
}

export function writeProgress(file: string, progress: Progress): void {
  writeFileAtomic(file, `${JSON.stringify(progress)}\n`);
}

/** Identity of the file's current version: a rename gives a new inode, a write a new time. */
function fileStamp(file: string): string | undefined {
  try {
    const s = fs.statSync(file, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}`;
  } catch {
    return undefined;
  }
}

function stamp(): string {
  return new Date().toISOString().replace(/[:.]/g, '-');
}

/** Temporary files left by a process killed mid-save: harmless, but they should not pile up. */
function removeOrphans(dir: string): void {
  for (const name of fs.readdirSync(dir)) {
    const m = /^\.progress\.json\.(\d+)\.\d+\.tmp$/.exec(name);
    if (m && !isAlive(Number(m[1]))) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
