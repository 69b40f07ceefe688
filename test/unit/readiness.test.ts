import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/engine/random.js';
import { estimateReadiness, sampleBeta, taskEvidence, TASKS, type QuestionEvidence } from '../../src/engine/readiness.js';
import { reschedule } from '../../src/engine/schedule.js';
import { Rating } from 'ts-fsrs';

const NOW = new Date(Date.UTC(2026, 11, 2, 12));
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

/** A question of `task` answered once, `daysBefore` days ago, right or wrong, with its FSRS card. */
function answered(task: string, correct: boolean, daysBefore = 0): QuestionEvidence {
  const at = daysAgo(daysBefore);
  return { task, answers: [{ at, correct }], card: reschedule(undefined, correct ? Rating.Good : Rating.Again, at) };
}

/** `right` right and `wrong` wrong answers spread over the tasks of the whole exam. */
function learner(right: number, wrong: number, daysBefore = 0): QuestionEvidence[] {
  const tasks = [...TASKS.keys()];
  return [
    ...Array.from({ length: right }, (_, i) => answered(tasks[i % tasks.length]!, true, daysBefore)),
    ...Array.from({ length: wrong }, (_, i) => answered(tasks[(i + 7) % tasks.length]!, false, daysBefore)),
  ];
}

describe('the readiness model', () => {
  it('with no answers says "unknown": a wide range around the middle and no domain with enough evidence', () => {
    const r = estimateReadiness([], { now: NOW, random: seededRandom(1) });
    expect(r.answers).toBe(0);
    expect(r.enoughEvidence).toBe(false);
    expect(r.domains.every((d) => !d.enoughEvidence)).toBe(true);
    expect(r.range.high - r.range.low).toBeGreaterThan(300);
    expect(r.expected).toBeGreaterThan(400);
    expect(r.expected).toBeLessThan(650);
  });

  it('narrows and rises with many right answers, and reaches the pass mark', () => {
    const r = estimateReadiness(learner(270, 30), { now: NOW, random: seededRandom(1) });
    expect(r.enoughEvidence).toBe(true);
    expect(r.expected).toBeGreaterThan(800);
    expect(r.passProbability).toBeGreaterThan(0.95);
    expect(r.range.high - r.range.low).toBeLessThan(200);
  });

  it('is low when most answers are wrong', () => {
    const r = estimateReadiness(learner(90, 210), { now: NOW, random: seededRandom(1) });
    expect(r.expected).toBeLessThan(500);
    expect(r.passProbability).toBeLessThan(0.05);
  });

  it('flags thin domains in the overconfident case: 33 answers, 2 of them in domain 1', () => {
    const tasks = [...TASKS.entries()];
    const inDomain = (d: number) => tasks.filter(([, i]) => i.domain === d).map(([t]) => t);
    const evidence = [
      answered('1.1', true),
      answered('1.2', true),
      ...Array.from({ length: 16 }, (_, i) => answered(inDomain(3)[i % 4]!, i % 3 !== 0)),
      ...Array.from({ length: 11 }, (_, i) => answered(inDomain(2)[i % 3]!, i % 4 !== 0)),
      ...Array.from({ length: 2 }, (_, i) => answered(inDomain(4)[i]!, true)),
      ...Array.from({ length: 2 }, (_, i) => answered(inDomain(5)[i]!, true)),
    ];
    const r = estimateReadiness(evidence, { now: NOW, random: seededRandom(7) });
    expect(r.answers).toBe(33);
    expect(r.domains.filter((d) => !d.enoughEvidence).map((d) => d.domain)).toEqual([1, 4, 5]);
    expect(r.domains.find((d) => d.domain === 3)!.enoughEvidence).toBe(true);
    const d1 = r.domains.find((d) => d.domain === 1)!;
    expect(d1.answers).toBe(2);
    expect(d1.shareRange.high - d1.shareRange.low).toBeGreaterThan(0.3);
    expect(r.range.high - r.range.low).toBeGreaterThan(200);
  });

  it('counts old answers less than recent ones', () => {
    const recent = taskEvidence([answered('1.1', false, 0)], NOW, NOW).get('1.1')!;
    const old = taskEvidence([answered('1.1', false, 14)], NOW, NOW).get('1.1')!;
    expect(recent.wrong).toBeCloseTo(1);
    expect(old.wrong).toBeCloseTo(0.5);
  });

  it('counts a right answer only as much as it will still be remembered on the exam day', () => {
    const q = answered('1.1', true, 0);
    const today = taskEvidence([q], NOW, NOW).get('1.1')!;
    const later = taskEvidence([q], NOW, new Date(NOW.getTime() + 60 * 86_400_000)).get('1.1')!;
    expect(today.right).toBeCloseTo(1, 2);
    expect(later.right).toBeLessThan(0.9);
    expect(later.right + later.wrong).toBeCloseTo(1);
  });

  it('gives a question asked again less weight than a new one', () => {
    const first = new Date(NOW.getTime() - 1000);
    const q: QuestionEvidence = {
      task: '2.1',
      answers: [
        { at: first, correct: false },
        { at: NOW, correct: true },
      ],
      card: reschedule(reschedule(undefined, Rating.Again, first), Rating.Good, NOW),
    };
    const e = taskEvidence([q], NOW, NOW).get('2.1')!;
    expect(e.wrong).toBeGreaterThan(e.right);
    expect(e.answers).toBe(2);
  });

  it('gives the same figures for the same seed, and ignores answers to unknown tasks', () => {
    const evidence = learner(40, 20);
    const a = estimateReadiness(evidence, { now: NOW, random: seededRandom(5), draws: 500 });
    const b = estimateReadiness([...evidence, answered('valueOf', true)], { now: NOW, random: seededRandom(5), draws: 500 });
    expect(b.expected).toBe(a.expected);
    expect(b.range).toEqual(a.range);
    expect(b.passProbability).toBe(a.passProbability);
  });

  it('draws Beta samples with the right mean', () => {
    const random = seededRandom(3);
    const draws = Array.from({ length: 20_000 }, () => sampleBeta(2, 6, random));
    expect(draws.reduce((a, b) => a + b, 0) / draws.length).toBeCloseTo(0.25, 2);
    const small = Array.from({ length: 20_000 }, () => sampleBeta(0.3, 0.3, random));
    expect(small.reduce((a, b) => a + b, 0) / small.length).toBeCloseTo(0.5, 1);
  });
});
