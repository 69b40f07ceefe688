import chalk from 'chalk';
import { sayDay } from '../engine/plan.js';
import type { PlanSummary } from '../progress/plan.js';
import { chanceText } from './render-readiness.js';
import { hang, plural } from './text.js';

function daysLeftText(daysLeft: number): string {
  return daysLeft > 1 ? `${daysLeft} days left` : daysLeft === 1 ? 'tomorrow' : daysLeft === 0 ? 'today' : 'passed';
}

/** The plan as a few lines: for `plan`, `stats` and above the start menu. */
export function renderPlan(p: PlanSummary, width: number): string[] {
  const out: string[] = [];
  const left = daysLeftText(p.daysLeft);
  out.push(hang(chalk.bold('Plan: '), `exam on ${sayDay(p.examDate, p.day)} (${left}), ${p.minutesPerDay} minutes a day (about ${plural(p.perDay, 'question')})`, width));
  const reviews = p.today.reviews.length;
  const fresh = p.today.fresh.length;
  const todayText =
    reviews + fresh === 0
      ? 'nothing left to plan: every question met and none due'
      : `${plural(reviews, 'review')} due + ${plural(fresh, 'new question')}, weighted toward your weak task statements${p.today.reviewsLeft ? ` (${p.today.reviewsLeft} more reviews wait for tomorrow)` : ''}`;
  out.push(hang('  Today: ', todayText, width));
  out.push(hang('  Streak: ', p.streak ? `${plural(p.streak, 'day')} in a row` : 'none yet: answer a question today to start one', width));
  if (p.daysLeft >= 0) {
    const pace = p.pace.basis === 'recent' ? `${p.pace.perDay} a day (your last 7 days)` : `the planned ${p.pace.perDay} a day`;
    const r = p.projected;
    out.push(hang('  Exam day: ', `at ${pace}, about ${r.expected}, 80% range ${r.range.low}-${r.range.high}, chance of 700: ${chanceText(r.passProbability)}`, width));
  }
  for (const w of p.warnings) out.push(chalk.yellow(hang('  ⚠ ', w, width)));
  return out;
}

/** The plan in three or four lines, for above the start menu (the screen has 24 rows). */
export function renderPlanBrief(p: PlanSummary, width: number): string[] {
  const left = daysLeftText(p.daysLeft);
  const out = [hang('Plan: ', `exam on ${sayDay(p.examDate, p.day)} (${left}) · streak: ${plural(p.streak, 'day')}`, width)];
  const today = `${plural(p.today.reviews.length, 'review')} + ${plural(p.today.fresh.length, 'new question')}`;
  const r = p.projected;
  out.push(hang('Today: ', p.daysLeft >= 0 ? `${today} · exam day at this pace: about ${r.expected} (${r.range.low}-${r.range.high}), ${chanceText(r.passProbability)} to pass` : today, width));
  if (p.warnings[0]) out.push(chalk.yellow(hang('⚠ ', p.warnings[0], width)));
  return out;
}
