import type { Question } from '../bank/question.js';
import { applyAttempt } from './apply.js';
import { copyRecord, own, withEntry } from './records.js';
import type { Attempt, Confidence, Progress, QuestionState } from './schema.js';

/**
 * Add the learner's confidence to an answer already saved. The answer is saved the moment it is
 * given (so Ctrl+C at the confidence key loses nothing); the confidence, given a moment later,
 * then amends that attempt: its history entry, the calibration tally and, when the attempt is
 * still the question's latest, the FSRS card, scheduled again from `before` (the question's state
 * before the answer) as if the confidence had come with it. Pure: the store applies it in its lock.
 */
export function amendConfidence(progress: Progress, attempt: Attempt, confidence: Confidence, before: QuestionState | undefined, question?: Question): Progress {
  let index = progress.history.length - 1;
  while (index >= 0 && !(progress.history[index]!.id === attempt.id && progress.history[index]!.at === attempt.at)) index--;
  if (index < 0 || progress.history[index]!.confidence) return progress;
  const amended: Attempt = { ...progress.history[index]!, confidence };
  const history = progress.history.filter((_, i) => i !== index);
  const withAmended = progress.history.map((a, i) => (i === index ? amended : a));
  const current = own(progress.questions, attempt.id);
  if (current?.lastAt === attempt.at) {
    // Replay the attempt on the state it was given in, now with its confidence.
    const day = attempt.at.slice(0, 10);
    const tally = own(progress.days, day);
    // Ids are bank text: copy into a null-prototype record, so an id such as "constructor" is only an id.
    const questions = copyRecord(progress.questions);
    if (before) questions[attempt.id] = before;
    else delete questions[attempt.id];
    const replayed = applyAttempt(
      {
        ...progress,
        questions,
        history,
        days: tally ? withEntry(progress.days, day, { answered: tally.answered - 1, correct: tally.correct - (attempt.correct ? 1 : 0) }) : progress.days,
      },
      amended,
      question,
    );
    return { ...replayed, history: withAmended };
  }
  // Another answer to the question came after this one: keep its schedule, record the confidence.
  const c = progress.calibration[confidence] ?? { answered: 0, correct: 0 };
  return {
    ...progress,
    history: withAmended,
    calibration: { ...progress.calibration, [confidence]: { answered: c.answered + 1, correct: c.correct + (amended.correct ? 1 : 0) } },
  };
}
