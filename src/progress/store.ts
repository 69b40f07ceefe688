import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { ensureWritableDir, writeFileAtomic } from './atomic.js';
import { emptyProgress, progressSchema, type Attempt, type ExamRecord, type Progress } from './schema.js';

export const PROGRESS_FILE = 'progress.json';

/**
 * The progress file on disk. Every answer is saved as soon as it is given, atomically (temporary
 * file, fsync, rename), so an interrupted or crashed session loses nothing already answered and
 * never leaves a half-written file. A file that cannot be read is never overwritten.
 */
export class ProgressStore {
  readonly file: string;
  private progress: Progress | undefined;

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, PROGRESS_FILE);
  }

  load(): Progress {
    this.progress ??= readProgress(this.file);
    return this.progress;
  }

  /** Fail early, before the first question, when answers could not be saved. */
  ensureWritable(): void {
    ensureWritableDir(this.dataDir);
  }

  /** Record one answer and save at once. */
  record(attempt: Attempt): void {
    this.update((p) => ({ ...p, attempts: [...p.attempts, attempt] }));
  }

  /** Record a finished mock exam with its answers, in one save. */
  recordExam(exam: ExamRecord, attempts: readonly Attempt[]): void {
    this.update((p) => ({ ...p, attempts: [...p.attempts, ...attempts], exams: [...p.exams, exam] }));
  }

  private update(change: (progress: Progress) => Progress): void {
    const next = change(this.load());
    writeProgress(this.file, next);
    this.progress = next;
  }
}

export function readProgress(file: string): Progress {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyProgress();
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
  const result = progressSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length ? ` at ${issue.path.join('.')}` : '';
    const version = (data as { version?: unknown } | null)?.version;
    if (typeof version === 'number' && version > 1) {
      throw new UserError(
        `Your progress file ${file} was written by a newer version of aif-quiz (format ${version}).`,
        'Update aif-quiz (npm install -g aif-quiz@latest); the file has not been changed.',
      );
    }
    throw corrupt(file, `it does not have the expected content${where}: ${issue.message}`);
  }
  return result.data;
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
