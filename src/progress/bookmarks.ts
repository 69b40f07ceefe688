import path from 'node:path';
import { z } from 'zod';
import { SideFile } from './side-file.js';

export const BOOKMARKS_FILE = 'bookmarks.json';

const bookmarksSchema = z.strictObject({
  version: z.literal(1),
  /** Question ids, in the order they were bookmarked. */
  ids: z.array(z.string().min(1)),
});
type Bookmarks = z.infer<typeof bookmarksSchema>;

/** Questions the learner marked to come back to (`b` on the feedback screen, `practice --bookmarked`). */
export class BookmarkStore {
  private readonly store: SideFile<Bookmarks>;

  constructor(dataDir: string) {
    this.store = new SideFile(path.join(dataDir, BOOKMARKS_FILE), bookmarksSchema, () => ({ version: 1, ids: [] }), 'bookmarks');
  }

  get file(): string {
    return this.store.file;
  }

  ids(): Set<string> {
    return new Set(this.store.read().ids);
  }

  has(id: string): boolean {
    return this.ids().has(id);
  }

  /** Bookmark the question, or remove its bookmark; returns whether it is bookmarked now. */
  toggle(id: string): boolean {
    const next = this.store.update((b) => ({ ...b, ids: b.ids.includes(id) ? b.ids.filter((i) => i !== id) : [...b.ids, id] }));
    return next.ids.includes(id);
  }
}
