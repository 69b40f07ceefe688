import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../errors.js';
import { ensureWritableDir, writeFileAtomic } from './atomic.js';
import { withLock } from './lock.js';

/**
 * A small JSON file next to progress.json (bookmarks, problem reports), kept the same way: every
 * change is a read-modify-write inside the file's lock on the file as it is on disk, written
 * atomically; a file that cannot be read is reported and never overwritten.
 */
export class SideFile<T> {
  constructor(
    readonly file: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
    private readonly what: string,
  ) {}

  read(): T {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.empty();
      throw new UserError(`Cannot read your ${this.what} file ${this.file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, 'Check its permissions; aif-quiz has not changed it.');
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw this.damaged('it is not valid JSON');
    }
    const parsed = this.schema.safeParse(data);
    if (!parsed.success) throw this.damaged('it does not have the expected content');
    return parsed.data;
  }

  update(change: (current: T) => T): T {
    ensureWritableDir(path.dirname(this.file));
    return withLock(`${this.file}.lock`, () => {
      const next = change(this.read());
      writeFileAtomic(this.file, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    });
  }

  private damaged(reason: string): UserError {
    return new UserError(
      `Your ${this.what} file ${this.file} cannot be used: ${reason}.`,
      `It has not been changed. Repair it, or move it aside:\n  mv "${this.file}" "${this.file}.bak"`,
    );
  }
}
