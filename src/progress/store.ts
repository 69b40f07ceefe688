import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { emptyProgress, progressSchema, type Attempt, type Progress } from './schema.js';

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
    try {
      fs.mkdirSync(this.dataDir, { recursive: true });
      fs.accessSync(this.dataDir, fs.constants.W_OK);
    } catch (error) {
      throw saveError(this.dataDir, error);
    }
  }

  /** Record one answer and save at once. */
  record(attempt: Attempt): void {
    const current = this.load();
    const next: Progress = { ...current, attempts: [...current.attempts, attempt] };
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

/** Write the whole file to a temporary sibling, flush it to disk, then rename it into place. */
export function writeProgress(file: string, progress: Progress): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, `${JSON.stringify(progress)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, file);
    syncDir(dir);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // The original error is the one the user needs to see.
    }
    throw saveError(file, error);
  }
}

/** Make the rename itself durable; not every platform can open a folder, which is fine. */
function syncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Best effort only.
  }
}

function saveError(target: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : (code ?? (error as Error).message);
  return new UserError(
    `Cannot save progress to ${target}: ${reason}.`,
    'Answers given before this one are saved. Free some space or fix the permissions, or choose another folder with --data-dir <dir> or AIF_QUIZ_HOME.',
  );
}
