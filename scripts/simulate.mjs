// `npm run simulate`: the readiness model's calibration and the study orders compared, on
// simulated learners (src/engine/simulate.ts). Seeded: the same arguments print the same figures.
// Usage: node scripts/simulate.mjs [--learners 600] [--seed 1] [--draws 2000]
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const learners = option('learners', 600);
const seed = option('seed', 1);
const draws = option('draws', 2000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aif-quiz-simulate-'));
const out = path.join(dir, 'simulate.mjs');
await build({ entryPoints: ['src/engine/simulate.ts'], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
const sim = await import(pathToFileURL(out).href);
fs.rmSync(dir, { recursive: true, force: true });

const pct = (x) => `${(100 * x).toFixed(1)}%`;
console.log(`Calibration: ${learners} simulated learners, seed ${seed}, ${draws} Monte Carlo draws per estimate`);
const c = sim.simulateCalibration({ learners, seed, draws });
console.log(`  predictions (3 check-points per learner): ${c.predictions}`);
console.log(`  Brier score of P(score >= 700): ${c.brier.toFixed(3)} (always predicting the pass rate: ${c.baselineBrier.toFixed(3)})`);
console.log(`  80% range holds the exam score: ${pct(c.coverage)} (mean width ${Math.round(c.meanWidth)} points)`);
console.log(`  simulated score minus expected score, on average: ${c.meanError.toFixed(1)} points`);
console.log('');
console.log('  | predicted P(pass) | estimates | mean predicted | passed |');
console.log('  | ----------------- | --------- | -------------- | ------ |');
for (const b of c.reliability) {
  console.log(`  | ${`${Math.round(b.from * 100)}-${Math.round(b.to * 100)}%`.padEnd(17)} | ${String(b.count).padStart(9)} | ${(b.count ? pct(b.meanPredicted) : '-').padStart(14)} | ${(b.count ? pct(b.observedPassRate) : '-').padStart(6)} |`);
}
console.log('');

const perDay = 20;
const maxDays = 40;
const s = sim.simulateScheduling({ learners: Math.max(50, Math.round(learners / 3)), seed, perDay, maxDays });
console.log(`Study orders: ${Math.max(50, Math.round(learners / 3))} learners, ${perDay} questions a day for up to ${maxDays} days; ready = true chance of passing >= 80%`);
console.log(`  | order   | median questions to ready | ready by the end | ${s.results[0].readyAt.map((r) => `ready at ${r.answered}`).join(' | ')} |`);
console.log(`  | ------- | ------------------------- | ---------------- | ${s.results[0].readyAt.map(() => '------------').join(' | ')} |`);
for (const r of s.results) {
  console.log(
    `  | ${r.strategy.padEnd(7)} | ${String(r.medianAnswersToReady ?? `> ${perDay * maxDays}`).padStart(25)} | ${pct(r.readyByEnd).padStart(16)} | ${r.readyAt.map((x) => pct(x.share).padStart(12)).join(' | ')} |`,
  );
}
const ratio = (x) => (x === null ? 'n/a (none ready with that order)' : `${x.toFixed(2)}×`);
console.log(`  (${s.results[0].learners} learners compared: not ready at the start, and able to get there knowing every question)`);
console.log(`  learners ready after ${perDay * maxDays} questions, the tool's order / random order: ${ratio(s.ratioRandom)}`);
console.log(`  learners ready after ${perDay * maxDays} questions, the tool's order / Leitner boxes: ${ratio(s.ratioLeitner)}`);
