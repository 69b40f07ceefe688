import { createPrompt, type KeypressEvent, isDownKey, isEnterKey, isUpKey, useEffect, useKeypress, useState } from '@inquirer/core';
import { checkbox, confirm, select } from '@inquirer/prompts';
import chalk from 'chalk';
import stringWidth from 'string-width';
import type { Answer } from '../bank/question.js';
import type { Presentation } from '../engine/present.js';
import { escapeText } from './escape.js';
import { clampOffset, clearScreen, keyBar, scrollToShow, terminalRows, viewport, type KeyHint } from './screen.js';
import { hang, LETTERS, wrap } from './text.js';
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

export async function askYesNo(message: string, fallback: boolean, context: PromptContext = {}): Promise<boolean> {
  return confirm({ theme, message, default: fallback }, context);
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

// ---------------------------------------------------------------------------------------------
// Full-screen prompts for menus, practice questions and their feedback.
//
// One prompt, `listScreen`, draws a screen of content lines, an optional list to pick from and a
// key bar, and keeps it inside the terminal: long content is shown a window at a time (PgUp/PgDn,
// and the arrows past the ends of the list) instead of scrolling out of sight. Menus, answer
// screens and the feedback pager are all this one prompt with different keys, so a key means the
// same thing everywhere: ↑↓ move, ⏎ choose, esc back, q quit.
// ---------------------------------------------------------------------------------------------

/** Esc in a menu: go back one level. */
export const BACK = Symbol('back');
/** q in a menu: leave the whole menu. */
export const QUIT = Symbol('quit');
export type Back = typeof BACK;
export type Quit = typeof QUIT;

export interface ScreenChoice<T> {
  /** The item's lines at a given width (the cursor column is already subtracted). */
  readonly label: (width: number) => string[];
  readonly value: T;
}

/** A key that closes the screen and reports its name (for example "s" for sure). */
export interface ScreenKey {
  readonly name: string;
  /** Key names as readline reports them: "s", "escape", "enter", "space". */
  readonly keys: readonly string[];
}

export interface ListScreenConfig<T> {
  /** Lines above the list, rendered for a width. */
  readonly content: (width: number) => string[];
  readonly choices: readonly ScreenChoice<T>[];
  /** Multiple selection: space marks, ⏎ submits exactly `needed`. */
  readonly needed?: number;
  readonly keys: readonly ScreenKey[];
  readonly hints: readonly KeyHint[];
  /** A line above the key bar: what the last key did. */
  readonly status?: string;
  readonly initial?: number;
  readonly offset?: number;
  /** What stays on screen once the prompt is done. */
  readonly summary?: (result: ScreenResult<T>) => string;
  /** The choices are lettered A) B) …: the letter answers with that option (marks it, for multiple), as in the exam. */
  readonly lettered?: boolean;
}

export type ScreenResult<T> =
  | { readonly kind: 'choice'; readonly value: T }
  | { readonly kind: 'choices'; readonly values: T[] }
  | { readonly kind: 'key'; readonly name: string; readonly offset: number };

const PAGE_KEYS = { pageup: -1, pagedown: 1 } as const;

function keyName(key: KeypressEvent): string {
  if (isEnterKey(key)) return 'enter';
  return key.name;
}

const listScreenPrompt = createPrompt<ScreenResult<unknown>, ListScreenConfig<unknown>>((config, done) => {
  const [active, setActive] = useState(Math.min(config.initial ?? 0, Math.max(0, config.choices.length - 1)));
  const [chosenOffset, setOffset] = useState<number | undefined>(config.offset);
  const [marked, setMarked] = useState<readonly number[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);
  const [result, setResult] = useState<ScreenResult<unknown> | undefined>(undefined);
  const [, setSize] = useState(0);
  useEffect(() => {
    const onResize = () => setSize((n) => n + 1);
    process.stdout.on('resize', onResize);
    return () => {
      process.stdout.off('resize', onResize);
    };
  }, []);

  const width = terminalWidth();
  const rows = terminalRows();
  const multiple = config.needed !== undefined;
  const cursorWidth = multiple ? 4 : 2;
  const content = config.content(width);
  const lines = [...content];
  const spans: { from: number; to: number }[] = [];
  config.choices.forEach((choice, i) => {
    const from = lines.length;
    const label = choice.label(width - cursorWidth);
    const box = multiple ? (marked.includes(i) ? '◉ ' : '◯ ') : '';
    label.forEach((line, n) => {
      const lead = n === 0 ? `${i === active ? '❯' : ' '} ${box}` : ' '.repeat(cursorWidth);
      lines.push(i === active ? chalk.cyan(lead + line) : lead + line);
    });
    spans.push({ from, to: lines.length });
  });
  const bar = keyBar(config.hints, width).map((l) => chalk.dim(l));
  const message = error ?? config.status;
  // A status that fits is kept on one line as it is (a terminal hyperlink must not be re-wrapped).
  const messageLines = !message ? [] : stringWidth(message) <= width ? [message] : wrap(message, width).split('\n');
  const height = Math.max(3, rows - bar.length - messageLines.length - 2);
  // At first the screen starts at the top, unless that would leave the list out of sight: then it
  // starts where the whole list (or as much of it as fits) shows, the text above a PgUp away.
  const listFrom = spans[0]?.from ?? 0;
  const listTo = spans.at(-1)?.to ?? 0;
  const offset = chosenOffset ?? (spans.length > 0 && lines.length > height && spans[0]!.to > height - 1 ? scrollToShow(0, listFrom, listTo, height - 1) : 0);
  const view = viewport(lines, offset, height);
  const visible = (i: number) => spans[i] !== undefined && spans[i]!.from >= view.offset && spans[i]!.to <= view.offset + height - (view.scrollable ? 1 : 0);

  useKeypress((key) => {
    if (result) return;
    const name = keyName(key);
    const room = view.scrollable ? height - 1 : height;
    const scroll = (by: number) => setOffset(clampOffset(view.offset + by, lines.length, room));
    if (name in PAGE_KEYS) return scroll(PAGE_KEYS[name as keyof typeof PAGE_KEYS] * Math.max(1, room - 1));
    const choices = config.choices.length;
    if (choices > 0 && (isUpKey(key) || isDownKey(key))) {
      const step = isUpKey(key) ? -1 : 1;
      const next = active + step;
      if (next < 0 || next >= choices) return scroll(step);
      setActive(next);
      setOffset(scrollToShow(view.offset, spans[next]!.from, spans[next]!.to, room));
      return;
    }
    if (choices === 0 && (isUpKey(key) || isDownKey(key) || name === 'j' || name === 'k')) {
      return scroll(isUpKey(key) || name === 'k' ? -1 : 1);
    }
    const lettered = config.lettered && !key.ctrl && name.length === 1 ? LETTERS.toLowerCase().indexOf(name) : -1;
    if (lettered >= 0 && lettered < choices) {
      setActive(lettered);
      setOffset(scrollToShow(view.offset, spans[lettered]!.from, spans[lettered]!.to, room));
      if (multiple) {
        setError(undefined);
        setMarked(marked.includes(lettered) ? marked.filter((m) => m !== lettered) : [...marked, lettered]);
        return;
      }
      const picked: ScreenResult<unknown> = { kind: 'choice', value: config.choices[lettered]!.value };
      setResult(picked);
      done(picked);
      return;
    }
    if (choices > 0 && multiple && name === 'space') {
      setError(undefined);
      setMarked(marked.includes(active) ? marked.filter((m) => m !== active) : [...marked, active]);
      return;
    }
    if (choices > 0 && name === 'enter') {
      if (!visible(active)) {
        setOffset(scrollToShow(view.offset, spans[active]!.from, spans[active]!.to, room));
        return;
      }
      if (multiple) {
        if (marked.length !== config.needed) {
          setError(`Select exactly ${config.needed} options (you have ${marked.length}).`);
          return;
        }
        const picked: ScreenResult<unknown> = { kind: 'choices', values: [...marked].sort((a, b) => a - b).map((m) => config.choices[m]!.value) };
        setResult(picked);
        done(picked);
        return;
      }
      const picked: ScreenResult<unknown> = { kind: 'choice', value: config.choices[active]!.value };
      setResult(picked);
      done(picked);
      return;
    }
    const bound = config.keys.find((k) => k.keys.includes(name));
    if (bound) {
      const picked: ScreenResult<unknown> = { kind: 'key', name: bound.name, offset: view.offset };
      setResult(picked);
      done(picked);
    }
  });

  if (result) return config.summary?.(result) ?? '';
  const out = [...view.lines.slice(0, -1), view.scrollable ? chalk.dim(view.lines.at(-1)!) : view.lines.at(-1) ?? '', ''];
  out.push(...messageLines.map((l) => (error ? chalk.red(l) : chalk.yellow(l))));
  out.push(...bar);
  return out.join('\n');
});

/** Show a screen built by `listScreen`: see ListScreenConfig. */
export function listScreen<T>(config: ListScreenConfig<T>, context: PromptContext = {}): Promise<ScreenResult<T>> {
  return listScreenPrompt(config as ListScreenConfig<unknown>, context) as Promise<ScreenResult<T>>;
}

export interface MenuOptions<T> {
  /** A submenu: Esc and a Back item go back one level. */
  readonly back?: boolean;
  /** Lines shown above the message (what is due, an unfinished exam). */
  readonly intro?: (width: number) => string[];
  readonly initial?: T;
}

const MENU_HINTS = { move: { key: '↑↓', label: 'move' }, choose: { key: '⏎', label: 'choose' }, back: { key: 'esc', label: 'back' }, quit: { key: 'q', label: 'quit' } };

/**
 * A menu: ↑↓ and ⏎ pick an item, q quits (QUIT), and in a submenu Esc or the Back item go back
 * (BACK). Item names are bank or program text; they are escaped and wrapped here.
 */
export async function menu<T>(message: string, items: readonly MenuItem<T>[], options: MenuOptions<T> = {}): Promise<T | Back | Quit> {
  const choices: ScreenChoice<T | Back>[] = items.map((item) => {
    // A numbered item ("2.2 Understand …", "3. Applications …") wraps under its text, not its number.
    const lead = /^(\d+(?:\.\d+)?\.? )(?=\S)/.exec(item.name)?.[1] ?? '';
    return { label: (w) => hang(lead, escapeText(item.name.slice(lead.length)), w).split('\n'), value: item.value };
  });
  if (options.back) choices.push({ label: () => ['← Back'], value: BACK });
  const initial = options.initial === undefined ? 0 : Math.max(0, items.findIndex((i) => i.value === options.initial));
  const result = await listScreen<T | Back>({
    content: (w) => [...(options.intro?.(w) ?? []), chalk.bold(wrap(message, w))],
    choices,
    initial,
    keys: [
      { name: 'quit', keys: ['q'] },
      ...(options.back ? [{ name: 'back', keys: ['escape'] }] : []),
    ],
    hints: [MENU_HINTS.move, MENU_HINTS.choose, ...(options.back ? [MENU_HINTS.back] : []), MENU_HINTS.quit],
    summary: (r) => {
      const picked = r.kind === 'choice' ? items.find((i) => i.value === r.value) : undefined;
      return picked ? hang(chalk.dim('› '), `${message} ${escapeText(picked.name)}`, terminalWidth()) : '';
    },
  });
  if (result.kind === 'key') return result.name === 'back' ? BACK : QUIT;
  return result.kind === 'choice' ? result.value : BACK;
}

interface TextConfig {
  readonly message: string;
  readonly fallback?: string;
  readonly validate: (text: string) => string | true;
  readonly hints: readonly KeyHint[];
}

/** One line of text; ⏎ accepts (after `validate`), Esc goes back. */
const textPrompt = createPrompt<string | Back, TextConfig>((config, done) => {
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<'idle' | 'done'>('idle');
  useKeypress((key, rl) => {
    if (status === 'done') return;
    if (key.name === 'escape') {
      setStatus('done');
      done(BACK);
      return;
    }
    if (isEnterKey(key)) {
      // readline has already cleared its line when Enter arrives: the text is the one kept below.
      const text = (value || config.fallback || '').trim();
      const verdict = config.validate(text);
      if (verdict === true) {
        setValue(text);
        setStatus('done');
        done(text);
      } else {
        rl.write(rl.line);
        setError(verdict);
      }
      return;
    }
    setError(undefined);
    setValue(rl.line);
  });
  const width = terminalWidth();
  const fallback = config.fallback && !value ? chalk.dim(`(${config.fallback}) `) : '';
  const line = `${chalk.bold(config.message)} ${fallback}${status === 'done' ? chalk.cyan(value) : value}`;
  if (status === 'done') return line;
  const below = [error ? chalk.red(wrap(error, width)) : '', chalk.dim(keyBar(config.hints, width).join('\n'))].filter(Boolean).join('\n');
  return [line, below];
});

/** "How many questions?": a whole number from 1 to `max`; Esc goes back. */
export async function askCountOrBack(message: string, max: number, fallback: number): Promise<number | Back> {
  const suggested = String(Math.min(fallback, max));
  const answer = await textPrompt({
    message: `${message} (1-${max})`,
    fallback: suggested,
    validate: (text) => (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= max ? true : `Type a whole number from 1 to ${max}.`),
    hints: [{ key: '⏎', label: 'ok' }, MENU_HINTS.back],
  });
  return answer === BACK ? BACK : Number(answer);
}

/** A short free-text note (for a problem report); Esc cancels. */
export async function askNote(message: string): Promise<string | Back> {
  return textPrompt({
    message,
    validate: (text) => (text.length <= 2000 ? true : 'Keep the note under 2,000 characters.'),
    hints: [{ key: '⏎', label: 'save' }, { key: 'esc', label: 'cancel' }],
  });
}

export type ScreenAnswer = Answer | 'stop';

const ANSWER_KEYS: readonly ScreenKey[] = [{ name: 'stop', keys: ['q'] }];
const STOP_HINT = { key: 'q', label: 'end session' };

/**
 * Ask for the answer on one screen with the question: `content` draws the question (case study,
 * stem, steps) and the options follow it. Ordering and matching questions ask one step or prompt
 * at a time, with what was picked so far on screen; Esc takes the last pick back. `q` ends the
 * session without answering ('stop').
 */
export async function askAnswerOnScreen(presentation: Presentation, content: (width: number) => string[]): Promise<ScreenAnswer> {
  const { question, order } = presentation;
  // Matching questions have no lettered options (their order is empty).
  const letters = `a-${(LETTERS[Math.max(0, order.length - 1)] ?? 'a').toLowerCase()}`;
  const pickOne = async <T>(lines: (width: number) => string[], choices: ScreenChoice<T>[], canUndo: boolean, lettered = false): Promise<T | 'stop' | Back> => {
    clearScreen();
    const result = await listScreen<T>({
      content: lines,
      choices,
      lettered,
      keys: [...ANSWER_KEYS, ...(canUndo ? [{ name: 'back', keys: ['escape'] }] : [])],
      hints: [
        ...(lettered ? [{ key: letters, label: 'answer' }] : []),
        MENU_HINTS.move,
        { key: '⏎', label: 'answer' },
        ...(canUndo ? [{ key: 'esc', label: 'undo last pick' }] : []),
        STOP_HINT,
      ],
    });
    if (result.kind === 'key') return result.name === 'back' ? BACK : 'stop';
    return result.kind === 'choice' ? result.value : 'stop';
  };
  const optionChoices = (): ScreenChoice<number>[] =>
    order.map((index, shown) => ({
      label: (w) => hang(`${LETTERS[shown]}) `, escapeText(question.type === 'single' || question.type === 'multiple' ? question.options[index]!.text : ''), w).split('\n'),
      value: index,
    }));
  switch (question.type) {
    case 'single': {
      const choice = await pickOne((w) => [...content(w), '', chalk.bold('Your answer:')], optionChoices(), false, true);
      return choice === 'stop' || choice === BACK ? 'stop' : { type: 'single', choice };
    }
    case 'multiple': {
      const needed = question.options.filter((o) => o.correct).length;
      const result = await listScreen<number>({
        content: (w) => [...content(w), '', chalk.bold(wrap(`Your answer (select ${needed}):`, w))],
        choices: optionChoices(),
        needed,
        lettered: true,
        keys: ANSWER_KEYS,
        hints: [{ key: `${letters} or space`, label: 'mark' }, MENU_HINTS.move, { key: '⏎', label: 'submit' }, STOP_HINT],
      });
      return result.kind === 'choices' ? { type: 'multiple', choices: result.values } : 'stop';
    }
    case 'ordering': {
      const chosen: number[] = [];
      while (chosen.length < order.length - 1) {
        const remaining = order.filter((i) => !chosen.includes(i));
        const sofar = (w: number) =>
          chosen.length === 0 ? [] : ['', chalk.bold('Your order so far:'), ...chosen.flatMap((step, n) => hang(`  ${n + 1}. `, escapeText(question.steps[step]!), w).split('\n'))];
        const step = await pickOne(
          (w) => [...content(w), ...sofar(w), '', chalk.bold(`Which step comes ${ordinal(chosen.length + 1)}?`)],
          remaining.map((index) => ({ label: (w) => hang('- ', escapeText(question.steps[index]!), w).split('\n'), value: index })),
          chosen.length > 0,
        );
        if (step === 'stop') return 'stop';
        if (step === BACK) chosen.pop();
        else chosen.push(step);
      }
      chosen.push(order.find((i) => !chosen.includes(i))!);
      return { type: 'ordering', order: chosen };
    }
    case 'matching': {
      const picks: string[] = [];
      while (picks.length < question.pairs.length) {
        const i = picks.length;
        const pair = question.pairs[i]!;
        const sofar = (w: number) =>
          picks.length === 0 ? [] : ['', chalk.bold('Your matches so far:'), ...picks.flatMap((p, n) => hang(`  ${n + 1}. `, `${escapeText(question.pairs[n]!.prompt)} → ${escapeText(p)}`, w).split('\n'))];
        const pick = await pickOne(
          (w) => [...content(w), ...sofar(w), '', chalk.bold(wrap(`${i + 1}/${question.pairs.length} ${escapeText(pair.prompt)}:`, w))],
          presentation.responses.map((r) => ({ label: (w) => hang('', escapeText(r), w).split('\n'), value: r })),
          picks.length > 0,
        );
        if (pick === 'stop') return 'stop';
        if (pick === BACK) picks.pop();
        else picks.push(pick);
      }
      return { type: 'matching', picks };
    }
  }
}

/** A pager over `content` whose keys (one table, from the caller) each close it with their name. */
export async function showScreen(
  content: (width: number) => string[],
  keys: readonly ScreenKey[],
  hints: readonly KeyHint[],
  /** `keep`: whether the screen stays readable above what follows, given the key that closed it. */
  options: { status?: string; offset?: number; keep?: (name: string) => boolean } = {},
): Promise<{ name: string; offset: number }> {
  const result = await listScreen<never>({
    content,
    choices: [],
    keys,
    hints,
    ...(options.status && { status: options.status }),
    ...(options.offset !== undefined && { offset: options.offset }),
    summary: (r) => (r.kind === 'key' && options.keep?.(r.name) ? content(terminalWidth()).join('\n') : ''),
  });
  return result.kind === 'key' ? { name: result.name, offset: result.offset } : { name: '', offset: 0 };
}

// ---- mock exam screen ----
// The exam's question and review screens, its walk-through pager and the list of past exams
// live in prompts-exam.ts, which would make this module too long; they are prompts all the same.
export { examScreen, pagerScreen, pickScreen, type ExamScreenConfig, type ExamScreenResult, type Page } from './prompts-exam.js';
