import { describe, expect, it } from 'vitest';
import { DOMAINS } from '../../src/bank/catalogue.js';
import { coverageDates, planDay, questionsPerDay, sayDay, streak } from '../../src/engine/plan.js';
import { seededRandom } from '../../src/engine/random.js';
import { applyAttempt } from '../../src/progress/apply.js';
import { planFor } from '../../src/progress/plan.js';
import { emptyProgress, type Attempt, type Progress } from '../../src/progress/schema.js';

/** A bank of 20 questions per task statement, as summaries. */
const bank = DOMAINS.flatMap((d) => d.tasks.flatMap((t) => Array.from({ length: 20 }, (_, i) => ({ id: `${t.id}-${i}`, task: t.id, domain: d.id }))));
const NOW = new Date('2026-12-02T10:00:00Z');

function withPlan(progress: Progress, examDate: string, minutesPerDay = 30): Progress {
  return { ...progress, settings: { ...progress.settings, examDate, minutesPerDay } };
}

/** `perDay` answers on each of the `days` days before NOW (today included when `today`). */
function studied(days: number, perDay: number, today = true): Progress {
  const attempts: Attempt[] = [];
  let n = 0;
  for (let d = days - (today ? 1 : 0); d >= (today ? 0 : 1); d--) {
    for (let i = 0; i < perDay; i++) {
      const q = bank[n++ % bank.length]!;
      attempts.push({ id: q.id, at: new Date(NOW.getTime() - d * 86_400_000 - 3_600_000 + i * 1000).toISOString(), correct: i % 5 !== 0, seconds: 60, mode: 'practice' });
    }
  }
  return attempts.reduce((p, a) => applyAttempt(p, a), emptyProgress());
}

describe('the plan to exam day', () => {
  it('fits the daily budget at the learner’s own pace', () => {
    expect(questionsPerDay(30, undefined)).toBe(20);
    expect(questionsPerDay(30, 60)).toBe(30);
    expect(questionsPerDay(1, 600)).toBe(1);
  });

  it('counts a streak of days in a row, not broken before today is over', () => {
    const days = new Map([
      ['2026-12-02', 3],
      ['2026-12-01', 5],
      ['2026-11-30', 1],
      ['2026-11-28', 4],
    ]);
    const on = (d: string) => days.get(d) ?? 0;
    expect(streak(on, '2026-12-02')).toBe(3);
    expect(streak(on, '2026-12-03')).toBe(3);
    expect(streak(on, '2026-12-04')).toBe(0);
  });

  it('puts due reviews first and keeps a quarter of the budget for new questions', () => {
    const due = Array.from({ length: 30 }, (_, i) => `due-${i}`);
    const unseen = new Map([['1.1', ['a', 'b', 'c', 'd', 'e', 'f']]]);
    const day = planDay(due, unseen, new Map(), 20, seededRandom(1));
    expect(day.reviews).toEqual(due.slice(0, 15));
    expect(day.fresh).toHaveLength(5);
    expect(day.reviewsLeft).toBe(15);
    expect(planDay([], unseen, new Map(), 20, seededRandom(1)).fresh).toHaveLength(6);
  });

  it('sends more new questions to weak task statements', () => {
    const unseen = new Map([
      ['3.1', Array.from({ length: 200 }, (_, i) => `w-${i}`)],
      ['3.2', Array.from({ length: 200 }, (_, i) => `s-${i}`)],
    ]);
    const mean = (task: string, m: number) => ({ task, domain: 3, right: 0, wrong: 0, answers: 0, mean: m });
    const posteriors = new Map([
      ['3.1', mean('3.1', 0.3)],
      ['3.2', mean('3.2', 0.95)],
    ]);
    const fresh = planDay([], unseen, posteriors, 100, seededRandom(4)).fresh;
    const weak = fresh.filter((id) => id.startsWith('w-')).length;
    expect(weak).toBeGreaterThan(60);
  });

  it('dates the coverage of each domain at the pace, and never without new questions', () => {
    const unseen = new Map([
      [1, 10],
      [2, 0],
      [3, 30],
    ]);
    const need = new Map([
      [1, 1],
      [2, 1],
      [3, 1],
    ]);
    const dates = new Map(coverageDates(unseen, need, 10, '2026-12-02').map((c) => [c.domain, c.coveredBy]));
    expect(dates.get(2)).toBe('2026-12-02');
    // 5 a day each while both have questions left; then all 10 go to domain 3.
    expect(dates.get(1)).toBe('2026-12-04');
    expect(dates.get(3)).toBe('2026-12-06');
    expect(coverageDates(unseen, need, 0, '2026-12-02').find((c) => c.domain === 3)!.coveredBy).toBeNull();
  });

  it('says days as people do, with the year only when it is not this one', () => {
    expect(sayDay('2026-12-06', '2026-12-02')).toBe('Dec 6');
    expect(sayDay('2027-01-12', '2026-12-02')).toBe('Jan 12, 2027');
    expect(sayDay('2027-01-12', '2027-01-02')).toBe('Jan 12');
  });

  it('is absent until an exam day is set', () => {
    expect(planFor(emptyProgress(), bank, NOW)).toBeNull();
  });

  it('warns when the pace will not cover the banks by the exam day, saying what to add', () => {
    const p = planFor(withPlan(studied(5, 4), '2026-12-20'), bank, NOW)!;
    expect(p.daysLeft).toBe(18);
    expect(p.streak).toBe(5);
    expect(p.pace).toEqual({ perDay: 3, basis: 'recent' });
    expect(p.today.reviews.length + p.today.fresh.length).toBe(20);
    // Dates as people say them, as in "you cover domain 3 by Jan 12".
    expect(p.warnings[0]).toMatch(/^At 3 questions a day you cover domain \d by (Dec \d{1,2}|[A-Z][a-z]{2} \d{1,2}, 2027), after your exam on Dec 20: book later or add \d+ a day\.$/);
    expect(p.projected.target).toBe('2026-12-20');
  });

  it('projects a narrower range on the exam day at a pace that covers everything', () => {
    const slow = planFor(withPlan(studied(3, 30), '2026-12-05'), bank, NOW)!;
    const steady = planFor(withPlan(studied(3, 30), '2027-03-01'), bank, NOW)!;
    expect(steady.warnings.some((w) => w.includes('book later or add'))).toBe(false);
    expect(slow.warnings.some((w) => w.includes('book later or add'))).toBe(true);
    expect(steady.projected.range.high - steady.projected.range.low).toBeLessThan(slow.projected.range.high - slow.projected.range.low);
    expect(steady.projected.enoughEvidence).toBe(true);
  });

  it('says when the exam day has passed', () => {
    const p = planFor(withPlan(emptyProgress(), '2026-11-30'), bank, NOW)!;
    expect(p.daysLeft).toBe(-2);
    expect(p.warnings[0]).toContain('has passed');
    expect(p.streak).toBe(0);
  });

  it('keeps the same plan all day', () => {
    const progress = withPlan(studied(2, 10), '2027-01-20');
    const morning = planFor(progress, bank, NOW)!;
    const evening = planFor(progress, bank, new Date('2026-12-02T20:00:00Z'))!;
    expect(evening.today).toEqual(morning.today);
  });
});

describe('the plan on screen', () => {
  it('fits 40, 60 and 80 columns, in full and above the start menu', async () => {
    const { renderPlan, renderPlanBrief } = await import('../../src/cli/render-plan.js');
    const { default: stringWidth } = await import('string-width');
    const { stripAnsi } = await import('../../src/cli/render.js');
    const p = planFor(withPlan(studied(5, 4), '2026-12-20'), bank, NOW)!;
    for (const width of [40, 60, 80]) {
      for (const lines of [renderPlan(p, width), renderPlanBrief(p, width)]) {
        for (const line of stripAnsi(lines.join('\n')).split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      }
    }
    const text = stripAnsi(renderPlan(p, 80).join('\n')).replace(/\s+/g, ' ');
    expect(text).toContain('Plan: exam on Dec 20 (18 days left), 30 minutes a day');
    expect(text).toContain('Streak: 5 days in a row');
    expect(text).toContain('book later or add');
  });
});
