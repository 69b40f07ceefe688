import { emptyRecord } from './records.js';
import type { Progress } from './schema.js';

/**
 * What every part of the progress code needs of the format without its zod schema (schema.ts):
 * importing these loads no zod, so a practice session does not.
 */
export const PROGRESS_VERSION = 2;

/** Recent attempts kept for pacing, calibration and the history chart. */
export const HISTORY_LIMIT = 1000;

export function emptyProgress(): Progress {
  return {
    version: PROGRESS_VERSION,
    questions: emptyRecord(),
    history: [],
    days: emptyRecord(),
    calibration: {},
    exams: [],
    settings: { confidence: true },
  };
}
