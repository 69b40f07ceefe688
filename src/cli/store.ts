import chalk from 'chalk';
import { ProgressStore } from '../progress/store.js';

/** Open the progress store, telling the user once if an older file format was converted. */
export function openStore(dataDir: string): ProgressStore {
  const store = new ProgressStore(dataDir);
  store.load();
  if (store.migration) {
    console.log(chalk.dim(`Your progress file was converted to the current format; the old one is kept at ${store.migration.backup}.`));
  }
  return store;
}
