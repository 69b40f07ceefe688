// Records answers into a progress folder as fast as it can: `node writer.mjs <dir> <tag> <count>`
// (count 0 = until killed). Used to prove that concurrent and killed writers lose nothing.
import { ProgressStore } from '../../dist/progress-store.js';

const [dir, tag, count] = process.argv.slice(2);
const store = new ProgressStore(dir);
const limit = Number(count) || Infinity;
for (let i = 0; i < limit; i++) {
  store.record({
    id: `${tag}-${i}`,
    at: new Date().toISOString(),
    answer: { type: 'single', choice: i % 4 },
    correct: i % 4 === 0,
    seconds: 5,
    mode: 'practice',
  });
  if (limit === Infinity && i % 50 === 0) process.stdout.write(`${i}\n`);
}
