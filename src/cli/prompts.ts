import { createPrompt, isEnterKey, makeTheme, useKeypress, usePrefix, useState } from '@inquirer/core';
import { checkbox, confirm, number, select } from '@inquirer/prompts';
import chalk from 'chalk';
import type { Answer } from '../bank/question.js';
import type { Confidence } from '../progress/schema.js';
import type { Presentation } from '../engine/present.js';
import { hang, LETTERS } from './text.js';
import { terminalWidth } from './terminal.js';

/**
 * Every question the tool asks goes through this module, so the rest of the CLI never touches
 * Inquirer and tests can script the whole conversation in one place.
 */

export interface MenuItem<T> {
  readonly name: string;
  readonly value: T;
  readonly description?: string;
}

/**
 * Inquirer marks an answered prompt with ✔ by default, which next to a quiz answer would read as
 * "correct"; a neutral mark keeps right and wrong for the feedback alone.
 */
const theme = { prefix: { idle: '?', done: '›' } };

/** Inquirer signals Ctrl+C (and a closed input) with an error of this name. */
export function isPromptExit(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

/** Lets a caller (the exam clock) close an open prompt. */
export interface PromptContext {
  readonly signal?: AbortSignal;
}

export async function choose<T>(message: string, items: readonly MenuItem<T>[], context: PromptContext = {}, initial?: T): Promise<T> {
  return select(
    { theme, message, choices: items.map((i) => ({ ...i })), pageSize: 15, loop: false, ...(initial !== undefined && { default: initial }) },
    context,
  );
}

export async function askCount(message: string, max: number, fallback: number): Promise<number> {
  const value = await number({
    theme,
    message: `${message} (1-${max})`,
    default: Math.min(fallback, max),
    min: 1,
    max,
    step: 1,
    required: true,
  });
  return value ?? Math.min(fallback, max);
}

export async function askYesNo(message: string, fallback: boolean, context: PromptContext = {}): Promise<boolean> {
  return confirm({ theme, message, default: fallback }, context);
}

export type NextStep = 'next' | 'stop';

export async function askNext(): Promise<NextStep> {
  return select<NextStep>({
    theme,
    message: 'Continue?',
    choices: [
      { name: 'Next question', value: 'next' },
      { name: 'End the session (your answers are saved)', value: 'stop' },
    ],
  });
}

/** Ask for the answer to a question laid out as `presentation`, in the bank's terms. */
export async function askAnswer(presentation: Presentation, context: PromptContext = {}): Promise<Answer> {
  const { question, order } = presentation;
  const width = terminalWidth() - 4;
  switch (question.type) {
    case 'single': {
      const choice = await select<number>({
        theme,
        message: 'Your answer:',
        choices: order.map((index, shown) => ({
          name: choiceName(`${LETTERS[shown]}) `, question.options[index]!.text, width),
          value: index,
        })),
        pageSize: 20,
        loop: false,
      }, context);
      return { type: 'single', choice };
    }
    case 'multiple': {
      const needed = question.options.filter((o) => o.correct).length;
      const choices = await checkbox<number>({
        theme,
        message: `Your answer (select ${needed}; space to mark, enter to submit):`,
        choices: order.map((index, shown) => ({
          name: choiceName(`${LETTERS[shown]}) `, question.options[index]!.text, width),
          value: index,
        })),
        pageSize: 20,
        loop: false,
        validate: (picked) =>
          picked.length === needed ? true : `Select exactly ${needed} options (you have ${picked.length}).`,
      }, context);
      return { type: 'multiple', choices };
    }
    case 'ordering': {
      const remaining = [...order];
      const chosen: number[] = [];
      while (remaining.length > 1) {
        const step = await select<number>({
          theme,
          message: `Which step comes ${ordinal(chosen.length + 1)}?`,
          choices: remaining.map((index) => ({ name: choiceName('- ', question.steps[index]!, width), value: index })),
          pageSize: 20,
          loop: false,
        }, context);
        chosen.push(step);
        remaining.splice(remaining.indexOf(step), 1);
      }
      chosen.push(remaining[0]!);
      console.log(chalk.dim(`  Last: ${question.steps[remaining[0]!]}`));
      return { type: 'ordering', order: chosen };
    }
    case 'matching': {
      const picks: string[] = [];
      for (const [i, pair] of question.pairs.entries()) {
        const pick = await select<string>({
          theme,
          message: `${i + 1}/${question.pairs.length} ${pair.prompt}:`,
          choices: presentation.responses.map((r) => ({ name: r, value: r })),
          pageSize: 20,
          loop: false,
        }, context);
        picks.push(pick);
      }
      return { type: 'matching', picks };
    }
  }
}

/** A list item's text wrapped so that its continuation lines align under the first, past Inquirer's cursor column. */
function choiceName(label: string, text: string, width: number): string {
  return hang(label, text, width - 2).replace(/\n/g, '\n  ');
}

export function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh'][n - 1] ?? `${n}th`;
}

const CONFIDENCE_KEYS: Readonly<Record<string, Confidence>> = { s: 'sure', u: 'unsure', g: 'guessed', '1': 'sure', '2': 'unsure', '3': 'guessed' };

/** One key: how sure the learner was. Enter means sure. */
const confidencePrompt = createPrompt<Confidence, { message: string }>((config, done) => {
  const [value, setValue] = useState<Confidence | undefined>(undefined);
  const prefix = usePrefix({ status: value ? 'done' : 'idle', theme: makeTheme(theme) });
  useKeypress((key) => {
    if (value) return;
    const picked = isEnterKey(key) ? 'sure' : CONFIDENCE_KEYS[key.name];
    if (picked) {
      setValue(picked);
      done(picked);
    }
  });
  if (value) return `${prefix} ${config.message} ${value}`;
  return `${prefix} ${config.message} ${chalk.dim('[s]ure (Enter) · [u]nsure · [g]uessed')}`;
});

export async function askConfidence(context: PromptContext = {}): Promise<Confidence> {
  return confidencePrompt({ message: 'How sure were you?' }, context);
}
