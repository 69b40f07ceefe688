import fs from 'node:fs';
import path from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';
import { UserError } from '../errors.js';

/**
 * Replace a file so that a reader (or a crash) sees either the old or the new content, never half.
 * write-file-atomic does it (temporary sibling, fsync, rename; the temporary file removed on
 * failure and on exit) rather than hand-written code: it is maintained, and it resolves a
 * symlinked target first, so a progress.json that is a link to a synced folder stays a link and
 * the file it points to is the one replaced. The folder is flushed after, so the rename survives
 * a power cut too.
 */
export function writeFileAtomic(file: string, text: string | Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const exists = fs.existsSync(file);
    writeFileAtomicLib.sync(file, typeof text === 'string' ? Buffer.from(text) : text, { fsync: true, ...(!exists && { mode: 0o600 }) });
    syncDir(path.dirname(realTarget(file)));
  } catch (error) {
    throw saveError(file, error);
  }
}

/** The file a (possibly symlinked) path writes to. */
export function realTarget(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
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
  if (error instanceof UserError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new UserError(
      `Cannot save progress to ${target}: the disk is full${code === 'EDQUOT' ? ' (your disk quota is used up)' : ''}.`,
      'Nothing saved before is lost: the progress file is unchanged; only what was being saved just now was not.\n' +
        `Free some space on the disk that holds ${path.dirname(target)} and run aif-quiz again, or keep progress elsewhere with --data-dir <dir> or AIF_QUIZ_HOME.`,
    );
  }
  const reason =
    code === 'EROFS' ? 'the file system is read-only'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : (code ?? (error as Error).message);
  return new UserError(
    `Cannot save progress to ${target}: ${reason}.`,
    'What was saved before is kept. Fix the permissions, or choose another folder with --data-dir <dir> or AIF_QUIZ_HOME.',
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
