import fs from 'node:fs';
import path from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

/**
 * Watch bank files and folders for `validate --watch`. chokidar follows an editor's safe-write
 * (write a temporary file, rename it over the bank), which a bare fs.watch loses track of. It
 * does not see a path that does not exist yet, nor one deleted and created again, so a missing
 * target is watched through its nearest existing parent folder and the watch is set up again
 * whenever a target appears or disappears.
 */

export interface BankWatch {
  close(): Promise<void>;
}

export interface WatchEvents {
  /** Something that may change the result: a bank file changed, appeared or went away. */
  readonly onChange: () => void;
  /** A target does not exist (now): the watch waits for it to appear. */
  readonly onMissing: (target: string) => void;
  readonly onError: (error: Error) => void;
}

export function watchBanks(targets: readonly string[], events: WatchEvents): BankWatch {
  const wanted = [...new Set(targets.map((t) => path.resolve(t)))];
  let watchers: FSWatcher[] = [];
  let closed = false;
  let missing = new Set<string>();

  const arm = () => {
    if (closed) return;
    const old = watchers;
    watchers = [];
    const present = wanted.filter((t) => fs.existsSync(t));
    const absent = wanted.filter((t) => !fs.existsSync(t));
    for (const t of absent) if (!missing.has(t)) events.onMissing(t);
    missing = new Set(absent);

    if (present.length > 0) {
      const w = watch(present, { ignoreInitial: true, ignored: (p) => path.basename(p).startsWith('.') && !wanted.includes(p) });
      w.on('all', (event, changed) => {
        const target = wanted.includes(path.resolve(changed));
        if (target && (event === 'unlink' || event === 'unlinkDir')) return rearm();
        if (target || event.endsWith('Dir') || /\.ya?ml$/i.test(changed)) events.onChange();
      });
      w.on('error', (error) => events.onError(error as Error));
      watchers.push(w);
    }
    // A parent folder, not recursively: only to see a missing target (or a folder on its way) appear.
    const parents = [...new Set(absent.map(nearestExisting))];
    if (parents.length > 0) {
      const w = watch(parents, { ignoreInitial: true, depth: 0 });
      w.on('all', (_event, changed) => {
        const p = path.resolve(changed);
        if (absent.some((t) => t === p || t.startsWith(p + path.sep))) rearm();
      });
      w.on('error', (error) => events.onError(error as Error));
      watchers.push(w);
    }
    void Promise.all(old.map((w) => w.close()));
  };
  const rearm = () => {
    arm();
    events.onChange();
  };
  arm();
  return {
    async close() {
      closed = true;
      await Promise.all(watchers.map((w) => w.close()));
    },
  };
}

function nearestExisting(target: string): string {
  let dir = path.dirname(target);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
