import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { writeFileAtomic } from './atomic.js';
import { answerSchema } from './schema.js';

/**
 * An unfinished mock exam, saved after every action so that Ctrl+C, a closed terminal or a killed
 * process leaves an exam that resumes where it stopped, with the clock as it was.
 */
export const examStateSchema = z.strictObject({
  version: z.literal(1),
  seed: z.number().int().min(0),
  startedAt: z.iso.datetime(),
  limitMs: z.number().positive(),
  /** Exam time used so far; the clock only runs while the exam is open. */
  usedMs: z.number().min(0),
  questionIds: z.array(z.string()).min(1),
  current: z.number().int().min(0),
  answers: z.record(z.string(), answerSchema),
  flags: z.array(z.string()),
  /** Minutes-left warnings already given. */
  warned: z.array(z.number()),
  secondsByQuestion: z.record(z.string(), z.number().min(0)),
});

export type ExamState = z.infer<typeof examStateSchema>;

export const EXAM_FILE = 'exam.json';

export class ExamStateFile {
  readonly file: string;

  constructor(dataDir: string) {
    this.file = path.join(dataDir, EXAM_FILE);
  }

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
      data = undefined;
    }
    const result = examStateSchema.safeParse(data);
    if (!result.success) {
      throw new UserError(
        `The saved mock exam ${this.file} cannot be used: it is damaged.`,
        `It has not been changed. Move it aside to start a new exam:\n  mv "${this.file}" "${this.file}.bak"`,
      );
    }
    return result.data;
  }

  save(state: ExamState): void {
    writeFileAtomic(this.file, `${JSON.stringify(state)}\n`);
  }

  clear(): void {
    fs.rmSync(this.file, { force: true });
  }
}
