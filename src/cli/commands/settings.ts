import type { Settings } from '../../progress/schema.js';
import { openStore } from '../store.js';
import { BACK, menu, QUIT } from '../prompts.js';
import { terminalWidth } from '../terminal.js';
import { wrap } from '../text.js';

/** What each setting means, said for its current value, wrapped to the terminal. */
function describe(settings: Settings, prefix = ''): string {
  const text = settings.confidence
    ? 'confidence: on (the feedback screen offers s sure · u unsure · g guessed)'
    : 'confidence: off (no "how sure were you?" keys after an answer)';
  return wrap(prefix + text, terminalWidth());
}

/**
 * Show or change the learner's settings, kept in the progress file. With a flag it changes that
 * setting; without one, in a terminal, it is a small menu (⏎ toggles, Esc or q leaves).
 */
export async function settings(options: { dataDir: string; confidence?: 'on' | 'off' }): Promise<void> {
  const store = openStore(options.dataDir);
  if (options.confidence !== undefined) {
    store.ensureWritable();
    store.saveSettings({ ...store.load().settings, confidence: options.confidence === 'on' });
    // A confirmation of what was just saved, not only a description of the setting.
    console.log(describe(store.load().settings, 'Saved. '));
    return;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    console.log(describe(store.load().settings));
    return;
  }
  for (;;) {
    const current = store.load().settings;
    const picked = await menu('Settings (⏎ changes the one under the cursor):', [
      { name: current.confidence ? 'Ask how sure I was after each answer: on' : 'Ask how sure I was after each answer: off', value: 'confidence' as const },
    ], { back: true });
    if (picked === BACK || picked === QUIT) {
      console.log(describe(current));
      return;
    }
    store.ensureWritable();
    store.saveSettings({ ...current, confidence: !current.confidence });
  }
}
