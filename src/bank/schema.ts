import { z } from 'zod';
import { unsafeTextReason } from './text.js';
export { QUESTION_TYPES, type QuestionType } from './question.js';

/**
 * The shape of one bank file. Only structure lives here (it is also exported as the JSON Schema
 * editors use); rules that need the exam catalogue or other files are in rules.ts.
 */

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .superRefine((value, ctx) => {
      const reason = unsafeTextReason(value);
      if (reason) ctx.addIssue({ code: 'custom', message: reason });
    });

export const id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.-]{0,79}$/, 'must be lower-case letters, digits, "." and "-" (at most 80 characters)');

export const httpsUrl = z
  .string()
  .max(500, 'must be at most 500 characters')
  .refine((value) => {
    try {
      return new URL(value).protocol === 'https:' && !/\s/.test(value);
    } catch {
      return false;
    }
  }, 'must be an https:// URL');

/** A calendar day, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'must be a real calendar date (YYYY-MM-DD)');

const choiceOption = z.strictObject({
  text: text(600).describe('What the learner sees.'),
  correct: z.boolean().optional().describe('Marks a correct option; omit for a wrong one.'),
  why: text(1500).optional().describe('Why this option is right or wrong in this scenario.'),
});

const common = {
  id: id.describe('Stable unique id; progress is keyed by it, so never change or reuse it.'),
  task: z.string().regex(/^\d\.\d$/, 'must be a task statement such as "2.1"').describe('Task statement, e.g. "2.1".'),
  objective: z
    .string()
    .regex(/^(\d\.\d\.\d+|v1\.4-\d\.\d\.\d+)$/, 'must be an objective such as "2.1.6"')
    .optional()
    .describe('Exam guide v1.1 objective, e.g. "2.1.6".'),
  difficulty: z
    .union([z.literal(1), z.literal(2), z.literal(3)], { error: 'must be 1, 2 or 3' })
    .optional()
    .describe('1 recall, 2 apply one rule, 3 scenario with two constraints.'),
  tags: z.array(id).max(20).optional(),
  scenario: id.optional().describe('Id of a scenario of this file: the question is part of that case study.'),
  stem: text(5000),
  explanation: text(5000).describe('The rule behind the answer.'),
  references: z.array(httpsUrl).min(1, 'must list at least one reference').max(10),
  reviewed: isoDate
    .optional()
    .describe('The day (YYYY-MM-DD) the question was last checked against AWS documentation.'),
};

export const singleQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('single'),
  options: z.array(choiceOption).length(4, 'must list exactly 4 options for a single-answer question'),
});

export const multipleQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('multiple'),
  options: z
    .array(choiceOption)
    .min(5, 'must list at least 5 options for a multiple-response question')
    .max(8, 'must list at most 8 options'),
});

export const orderingQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('ordering'),
  steps: z
    .array(z.union([text(300), z.strictObject({ text: text(300), why: text(1500).optional() })]))
    .min(3, 'must list 3 to 5 steps')
    .max(5, 'must list 3 to 5 steps')
    .describe('The steps in their correct order; the tool shuffles them. A step is its text, or { text, why } to explain its place.'),
});

export const matchingQuestionSchema = z.strictObject({
  ...common,
  type: z.literal('matching'),
  pairs: z
    .array(z.strictObject({ prompt: text(300), answer: text(300), why: text(1500).optional() }))
    .min(3, 'must list 3 to 7 pairs')
    .max(7, 'must list 3 to 7 pairs'),
  distractors: z.array(text(300)).max(5).optional().describe('Extra answers that match no prompt.'),
});


export const questionSchema = z.discriminatedUnion('type', [
  singleQuestionSchema,
  multipleQuestionSchema,
  orderingQuestionSchema,
  matchingQuestionSchema,
], { error: 'type must be one of: single, multiple, ordering, matching' });

export const scenarioSchema = z.strictObject({
  id,
  title: text(200),
  text: text(5000),
});

export const bankFileSchema = z.strictObject({
  domain: z
    .number({ error: 'must be a number from 1 to 5' })
    .int('must be a number from 1 to 5')
    .min(1, 'must be a number from 1 to 5')
    .max(5, 'must be a number from 1 to 5')
    .describe('The exam domain (1-5) of every question in this file.'),
  title: text(200).optional(),
  scenarios: z.array(scenarioSchema).max(50).optional(),
  questions: z.array(questionSchema).min(1, 'must list at least one question').max(20000),
});

export type BankFile = z.infer<typeof bankFileSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;
export type RawScenario = z.infer<typeof scenarioSchema>;
