import type { Question } from '../bank/question.js';
import { ratingFor, reschedule } from '../engine/schedule.js';
import { copyRecord, own, withEntry } from './records.js';
import type { Attempt, ExamRecord, Progress, QuestionState } from './schema.js';
import { HISTORY_LIMIT } from './schema-format.js';

/**
 * Fold one attempt into the progress: the question's state and FSRS card, the bounded history,
 * the day's tally and the confidence calibration. Pure: the store reads, applies and writes.
 */
export function applyAttempt(progress: Progress, attempt: Attempt, question?: Question): Progress {
  const previous = own(progress.questions, attempt.id);
  const typical = medianSeconds(progress);
  const rating = ratingFor(attempt.correct, attempt.confidence, attempt.seconds, typical);
  const wrongPicks = addWrongPicks(previous?.wrongPicks, attempt, question);
  const state: QuestionState = {
    attempts: (previous?.attempts ?? 0) + 1,
    wrong: (previous?.wrong ?? 0) + (attempt.correct ? 0 : 1),
    lastAt: attempt.at,
    lastCorrect: attempt.correct,
    ...(attempt.confidence && { lastConfidence: attempt.confidence }),
    ...(attempt.correct ? previous?.lastWrongAt && { lastWrongAt: previous.lastWrongAt } : { lastWrongAt: attempt.at }),
    card: reschedule(previous?.card, rating, new Date(attempt.at)),
    ...(wrongPicks && { wrongPicks }),
  };
  const day = attempt.at.slice(0, 10);
  const tally = own(progress.days, day) ?? { answered: 0, correct: 0 };
  const calibration = { ...progress.calibration };
  if (attempt.confidence) {
    const c = calibration[attempt.confidence] ?? { answered: 0, correct: 0 };
    calibration[attempt.confidence] = { answered: c.answered + 1, correct: c.correct + (attempt.correct ? 1 : 0) };
  }
  return {
    ...progress,
    questions: withEntry(progress.questions, attempt.id, state),
    history: [...progress.history, attempt].slice(-HISTORY_LIMIT),
    days: withEntry(progress.days, day, { answered: tally.answered + 1, correct: tally.correct + (attempt.correct ? 1 : 0) }),
    calibration,
  };
}

export function applyExam(progress: Progress, exam: ExamRecord, attempts: readonly Attempt[], questions: ReadonlyMap<string, Question>): Progress {
  const withAttempts = attempts.reduce((p, a) => applyAttempt(p, a, questions.get(a.id)), progress);
  return { ...withAttempts, exams: [...withAttempts.exams, exam] };
}

/** The learner's median time per answer, from the recent history. */
export function medianSeconds(progress: Progress): number | undefined {
  const times = progress.history.filter((a) => a.answer !== undefined).map((a) => a.seconds).sort((a, b) => a - b);
  if (times.length < 5) return undefined;
  const mid = Math.floor(times.length / 2);
  return times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
}

function addWrongPicks(picks: Record<string, number> | undefined, attempt: Attempt, question?: Question): Record<string, number> | undefined {
  if (attempt.correct || !attempt.answer || !question || (question.type !== 'single' && question.type !== 'multiple')) return picks;
  const chosen = attempt.answer.type === 'single' ? [attempt.answer.choice] : attempt.answer.type === 'multiple' ? attempt.answer.choices : [];
  const next = copyRecord(picks);
  for (const index of chosen) {
    const option = question.options[index];
    if (option && !option.correct) next[option.text] = (own(next, option.text) ?? 0) + 1;
  }
  return Object.keys(next).length ? next : undefined;
}
