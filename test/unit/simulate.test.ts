import { describe, expect, it } from 'vitest';
import { simulateCalibration, simulateScheduling } from '../../src/engine/simulate.js';

/**
 * The readiness model checked against simulated learners whose true ability is known (a small,
 * seeded run; `npm run simulate` runs a larger one and prints the tables). The bounds are what
 * the model must keep: a pass probability clearly better than always saying the base rate, and
 * an 80% range that holds the simulated exam score roughly 8 times in 10.
 */
describe('the readiness model on simulated learners', () => {
  const report = simulateCalibration({ learners: 100, seed: 17, draws: 200 });

  it('predicts passing well: Brier score below 0.12 and below 2/3 of the base-rate prediction', () => {
    expect(report.predictions).toBeGreaterThan(150);
    expect(report.brier).toBeLessThan(0.12);
    expect(report.brier).toBeLessThan((2 / 3) * report.baselineBrier);
  });

  it('has an 80% range that holds the exam score about 80% of the time (74-88%), around the right centre', () => {
    expect(report.coverage).toBeGreaterThanOrEqual(0.74);
    expect(report.coverage).toBeLessThanOrEqual(0.88);
    // The simulated score minus the expected one, on average: within 20 points either way.
    expect(Math.abs(report.meanError)).toBeLessThan(20);
  });

  it('is reliable at the ends: few passes below 10% predicted, most above 90%', () => {
    const low = report.reliability[0]!;
    const high = report.reliability[report.reliability.length - 1]!;
    expect(low.count).toBeGreaterThan(0);
    expect(low.observedPassRate).toBeLessThan(0.2);
    if (high.count >= 5) expect(high.observedPassRate).toBeGreaterThan(0.7);
  });

  it('compares study orders on the same learners at the same number of answers', () => {
    const s = simulateScheduling({ learners: 6, seed: 2, perDay: 10, maxDays: 8 });
    expect(s.results.map((r) => r.strategy)).toEqual(['tool', 'random', 'leitner']);
    for (const r of s.results) expect(r.readyAt.at(-1)!.answered).toBe(80);
    expect(new Set(s.results.map((r) => r.learners)).size).toBe(1);
  });
});
