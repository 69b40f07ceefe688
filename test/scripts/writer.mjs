// Records answers into a progress folder as fast as it can: `node writer.mjs <dir> <tag> <count>`
// (count 0 = until killed). Used to prove that concurrent and killed writers lose nothing.
// After each save returns it prints the answer's id: a save that returned is acknowledged, and
// an acknowledged answer must be in the file whatever happens next. The store module comes from
// AIF_QUIZ_STORE (a bundle the test built from the sources) or else dist/.
const modulePath = process.env.AIF_QUIZ_STORE ?? new URL('../../dist/progress-store.js', import.meta.url).href;
const { ProgressStore } = await import(modulePath.startsWith('file:') || modulePath.startsWith('/') ? modulePath : new URL(modulePath, import.meta.url).href);

const [dir, tag, count] = process.argv.slice(2);
const store = new ProgressStore(dir);
const limit = Number(count) || Infinity;
const acknowledge = process.env.AIF_QUIZ_ACK === '1';
// AIF_QUIZ_IDS=n answers n questions over and over (a small file, so many answers stay quick);
// the attempts counted per question then show whether any answer was lost.
const distinct = Number(process.env.AIF_QUIZ_IDS) || Infinity;
for (let i = 0; i < limit; i++) {
  const id = `${tag}-${distinct === Infinity ? i : i % distinct}`;
  store.record({
    id,
    at: new Date().toISOString(),
    answer: { type: 'single', choice: i % 4 },
    correct: i % 4 === 0,
    seconds: 5,
    mode: 'practice',
  });
  if (acknowledge) process.stdout.write(`${id}\n`);
  else if (limit === Infinity && i % 50 === 0) process.stdout.write(`${i}\n`);
}
