import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';

/**
 * Replace a file so that a reader (or a crash) sees either the old or the new content, never half:
 * write a temporary sibling, flush it to disk, rename it over the target, flush the folder.
 */
export function writeFileAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeFileSync(fd, text);
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

export function saveError(target: string, error: unknown): UserError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOSPC' || code === 'EDQUOT' ? 'the disk is full'
    : code === 'EROFS' ? 'the file system is read-only'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : (code ?? (error as Error).message);
  return new UserError(
    `Cannot save progress to ${target}: ${reason}.`,
    'What was saved before is kept. Free some space or fix the permissions, or choose another folder with --data-dir <dir> or AIF_QUIZ_HOME.',
  );
}

/** Fail early, before the first question, when nothing could be saved. */
export function ensureWritableDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw saveError(dir, error);
  }
}
