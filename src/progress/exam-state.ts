import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { MAX_MINUTES, WARNINGS } from '../engine/exam.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { answerSchema } from './schema.js';

/**
 * An unfinished mock exam, saved after every action so that Ctrl+C, a closed terminal or a killed
 * process leaves an exam that resumes where it stopped, with the clock as it was.
 *
 * Every field is checked when the file is read, including how the fields fit together (the
 * current question exists, answers and flags belong to the exam's questions), because a resume
 * trusts them to index into the exam. Records keyed by question id are null-prototype objects,
 * so an id such as `constructor` is an ordinary key.
 */

/** A record keyed by question id, as a null-prototype object. */
function idRecord<T extends z.ZodType>(value: T) {
  return z.record(z.string().min(1), value).transform((record) => Object.assign(Object.create(null) as Record<string, z.infer<T>>, record));
}

export const examStateSchema = z
  .strictObject({
    version: z.literal(1),
    seed: z.number().int().min(0),
    startedAt: z.iso.datetime(),
    limitMs: z.number().positive().max((MAX_MINUTES + 30) * 60_000),
    /** Exam time used so far; the clock only runs while the exam is open. */
    usedMs: z.number().min(0),
    questionIds: z.array(z.string().min(1)).min(1),
    current: z.number().int().min(0),
    answers: idRecord(answerSchema),
    flags: z.array(z.string().min(1)),
    /** Minutes-left warnings already given. */
    warned: z.array(z.literal([...WARNINGS])),
    secondsByQuestion: idRecord(z.number().min(0)),
    /** Feedback after each question (`exam --feedback`). */
    feedback: z.boolean().optional(),
  })
  .superRefine((state, ctx) => {
    const ids = new Set(state.questionIds);
    const issue = (message: string, field: string) => ctx.addIssue({ code: 'custom', message, path: [field] });
    if (ids.size !== state.questionIds.length) issue('a question appears twice', 'questionIds');
    if (state.current >= state.questionIds.length) issue(`question ${state.current + 1} is past the last one (${state.questionIds.length})`, 'current');
    if (state.usedMs > state.limitMs) issue('more time used than the limit', 'usedMs');
    for (const id of Object.keys(state.answers)) if (!ids.has(id)) issue('an answer to a question that is not in the exam', 'answers');
    for (const id of state.flags) if (!ids.has(id)) issue('a flag on a question that is not in the exam', 'flags');
    if (new Set(state.flags).size !== state.flags.length) issue('a question is flagged twice', 'flags');
    for (const id of Object.keys(state.secondsByQuestion)) if (!ids.has(id)) issue('time on a question that is not in the exam', 'secondsByQuestion');
  });

export type ExamState = z.infer<typeof examStateSchema>;

export const EXAM_FILE = 'exam.json';

/**
 * A saved exam that could not be used. It has been renamed out of the way (kept, not deleted, so
 * nothing is lost), and the message says where it is and what to do.
 */
export class DamagedExamError extends UserError {
  constructor(
    readonly reason: string,
    readonly keptAt: string,
  ) {
    super(
      `The saved mock exam could not be used: ${reason}.`,
      `It has been kept as ${keptAt} and will not be resumed. Start a new exam with: aif-quiz exam`,
    );
    this.name = 'DamagedExamError';
  }
}

export class ExamStateFile {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, EXAM_FILE);
  }

  /** The unfinished exam, if any. A damaged file is moved aside and reported with a DamagedExamError. */
  load(): ExamState | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new UserError(`Cannot read the saved exam ${this.file} (${(error as NodeJS.ErrnoException).code}).`, 'Check its permissions.');
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      return this.setAside('it is not valid JSON');
    }
    const result = examStateSchema.safeParse(data);
    if (!result.success) {
      const first = result.error.issues[0]!;
      const where = first.path.length ? `${first.path.map(String).join('.')}: ` : '';
      return this.setAside(`${where}${first.message}`);
    }
    return result.data;
  }

  /** Keep a damaged file under a new name, so a new exam can start and nothing is deleted. */
  setAside(reason: string): never {
    const keptAt = `${this.file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      fs.renameSync(this.file, keptAt);
    } catch (error) {
      throw new UserError(
        `The saved mock exam ${this.file} is damaged (${reason}) and could not be moved aside (${(error as NodeJS.ErrnoException).code}).`,
        `Move it yourself to start a new exam:\n  mv "${this.file}" "${this.file}.bak"`,
      );
    }
    throw new DamagedExamError(reason, keptAt);
  }

  save(state: ExamState): void {
    writeFileAtomic(this.file, `${JSON.stringify(state)}\n`);
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}
