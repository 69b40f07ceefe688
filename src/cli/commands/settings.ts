import { openStore } from '../store.js';

/** Show or change the learner's settings, kept in the progress file. */
export function settings(options: { dataDir: string; confidence?: 'on' | 'off' }): void {
  const store = openStore(options.dataDir);
  const current = store.load().settings;
  if (options.confidence !== undefined) {
    store.ensureWritable();
    store.saveSettings({ ...current, confidence: options.confidence === 'on' });
  }
  const now = store.load().settings;
  console.log(`confidence: ${now.confidence ? 'on' : 'off'}  (ask "sure / unsure / guessed" after each answer)`);
}
