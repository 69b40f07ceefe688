import { compareStrings } from '../bank/text.js';
import { applyAttempt } from './apply.js';
import type { Progress, ProgressV1 } from './schema.js';
import { emptyProgress } from './schema-format.js';

/** Version 1 kept every attempt: replaying them in time order builds the same state version 2 keeps. */
export function migrateV1(old: ProgressV1): Progress {
  const attempts = [...old.attempts].sort((a, b) => compareStrings(a.at, b.at));
  const replayed = attempts.reduce((p, a) => applyAttempt(p, a), emptyProgress());
  return { ...replayed, exams: old.exams };
}
