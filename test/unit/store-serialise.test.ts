import { describe, expect, it } from 'vitest';
import { applyAttempt, applyExam } from '../../src/progress/apply.js';
import { emptyProgress, type Attempt, type ExamRecord, type Progress } from '../../src/progress/schema.js';
import { serialiseProgress } from '../../src/progress/store-serialise.js';

const attempt = (id: string, n: number, correct = n % 3 !== 0): Attempt => ({
  id,
  at: new Date(Date.UTC(2026, 0, 1 + (n % 40), 10, n % 60)).toISOString(),
  answer: { type: 'single', choice: n % 4 },
  correct,
  seconds: 10 + (n % 50),
  mode: 'practice',
  ...(n % 5 === 0 && { confidence: 'unsure' as const }),
});

const exam: ExamRecord = {
  at: '2026-01-20T10:00:00.000Z',
  seed: 7,
  total: 2,
  correct: 1,
  answered: 2,
  scaled: 550,
  passed: false,
  limitMinutes: 90,
  secondsUsed: 600,
  timedOut: false,
  byDomain: [{ domain: 1, total: 2, correct: 1, seconds: 600 }],
  questionIds: ['q-1', 'q-2'],
  answers: [{ type: 'single', choice: 1 }, null],
};

describe('the progress file text', () => {
  it('is exactly JSON.stringify of the progress and a newline, save after save', () => {
    // Ids named like Object.prototype members are ordinary keys of the file.
    const ids = ['q-1', 'q-2', '__proto__', 'constructor', 'valueOf', '10', '2'];
    let progress: Progress = emptyProgress();
    for (let n = 0; n < 60; n++) {
      progress = applyAttempt(progress, attempt(ids[n % ids.length]!, n));
      expect(serialiseProgress(progress).toString()).toBe(`${JSON.stringify(progress)}\n`);
    }
    progress = applyExam(progress, exam, [attempt('q-1', 61), attempt('q-2', 62)], new Map());
    progress = { ...progress, settings: { confidence: false, examDate: '2027-01-20' } };
    expect(serialiseProgress(progress).toString()).toBe(`${JSON.stringify(progress)}\n`);
    expect(serialiseProgress(emptyProgress()).toString()).toBe(`${JSON.stringify(emptyProgress())}\n`);
    expect(JSON.parse(serialiseProgress(progress).toString())).toEqual(JSON.parse(JSON.stringify(progress)));
  });

  it('writes the new state of a question, not the one saved before', () => {
    const before = applyAttempt(emptyProgress(), attempt('q-1', 1, true));
    serialiseProgress(before);
    const after = applyAttempt(before, attempt('q-1', 2, false));
    const saved = JSON.parse(serialiseProgress(after).toString()) as Progress;
    expect(saved.questions['q-1']!.attempts).toBe(2);
    expect(saved.questions['q-1']!.wrong).toBe(1);
    expect(saved.history).toHaveLength(2);
  });

  it('refuses a change in place to a state it has written, rather than saving stale text', () => {
    const progress = applyAttempt(emptyProgress(), attempt('q-1', 1));
    serialiseProgress(progress);
    expect(() => {
      (progress.questions['q-1'] as { attempts: number }).attempts = 99;
    }).toThrow(TypeError);
    expect(() => {
      (progress.questions['q-1']!.card as { reps: number }).reps = 99;
    }).toThrow(TypeError);
  });
});
