import type { Answer } from '../../bank/question.js';
import { InterruptedError } from '../../errors.js';
import type { ExamRecord, Progress } from '../../progress/schema.js';
import { ProgressStore } from '../../progress/store.js';
import { loadQuestions, type BankOptions } from '../banks.js';
import { isPromptExit, pickScreen } from '../prompts.js';
import { terminalWidth } from '../terminal.js';
import { safeJson } from '../escape.js';
import { wrap } from '../text.js';
import { prepareStatusNotes } from '../render-status.js';
import { answersOf, historyLine, renderHistory, reportOf, walkThrough } from './exam-report.js';

/**
 * Past mock exams: date, score, pass or fail, and how each domain went. In a terminal the list
 * stays open: ⏎ reopens an exam's report and walks through its questions, q or esc leaves.
 */
export async function examHistory(options: BankOptions & { dataDir: string; json: boolean }): Promise<void> {
  const progress = new ProgressStore(options.dataDir).load();
  const exams = progress.exams;
  if (options.json) {
    console.log(safeJson({ exams: exams.map(({ questionIds: _ids, answers: _a, flags: _f, startedAt: _s, ...rest }) => rest) }, 2));
    return;
  }
  await prepareStatusNotes();
  if (exams.length === 0 || !process.stdin.isTTY || !process.stdout.isTTY) {
    console.log(renderHistory(exams, terminalWidth()));
    return;
  }
  const questions = await loadQuestions(options);
  const byId = new Map(questions.map((q) => [q.id, q]));
  try {
    for (;;) {
      if (process.stdout.isTTY) process.stdout.write('\u001B[2J\u001B[H');
      const picked = await pickScreen({
        title: `Past mock exams (${exams.length})`,
        lines: (width) => wrap('Date, scaled score, raw score, share right per domain. ⏎ reopens the report and its questions.', width).split('\n'),
        items: exams.map(historyLine),
      });
      if (picked === undefined) return;
      const record = exams[picked]!;
      const answers = recordedAnswers(record, progress);
      await walkThrough(record, reportOf(record, answers, byId), byId, 'history', answers);
    }
  } catch (error) {
    if (isPromptExit(error)) throw new InterruptedError('Closed the exam history.');
    throw error;
  }
}

/**
 * The answers of a past exam. Exams recorded before the answers were kept with the exam are read
 * back from the recent history, where each was saved with the exam's time.
 */
function recordedAnswers(record: ExamRecord, progress: Progress): Map<string, Answer> {
  if (record.answers) return answersOf(record);
  const out = new Map<string, Answer>();
  for (const a of progress.history) if (a.mode === 'exam' && a.at === record.at && a.answer) out.set(a.id, a.answer);
  return out;
}
