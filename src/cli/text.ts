import stringWidth from 'string-width';
import wrapAnsi from 'wrap-ansi';

/**
 * The one way text is laid out for the terminal. Every screen goes through `wrapText`, so every
 * screen keeps the same promises:
 *
 * - No line is wider than `width` columns (measured with string-width, so wide characters and
 *   colour codes count as they display).
 * - Lines break only at spaces: never inside a word, a URL or an id.
 * - Paragraphs (blank lines) and list items (lines starting with "1.", "1)", "-", "*" or "•")
 *   stay as written, and a line ending in a backslash or two spaces keeps its break; every other
 *   line break is an author's soft wrap and the text reflows to the width.
 * - Continuation lines hang under the text, after a label ("A) ", "Why: ") and a list marker.
 *
 * The one exception to the width: a single word or URL wider than the room left for it cannot be
 * broken without breaking it, so it goes on a line of its own at column 0, where it exceeds the
 * width only when it is longer than the whole terminal. `isUnbreakableLine` says which lines
 * those are, for tests.
 */

export interface WrapLayout {
  /** Printed before every line: a margin or a quote bar. */
  readonly indent?: string;
  /** Printed once, after the indent of the first line ("A) ", "Why: "); later lines hang under the text. */
  readonly label?: string;
}

/** Display width of text as the terminal shows it: colour codes take none, wide characters two. */
export function widthOf(text: string): number {
  return stringWidth(text);
}

/** `text` padded with spaces to `width` display columns. */
export function padEnd(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - widthOf(text)));
}

export function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - widthOf(text))) + text;
}

export function wrapText(text: string, width: number, layout: WrapLayout = {}): string {
  const indent = layout.indent ?? '';
  const label = layout.label ?? '';
  const hanging = ' '.repeat(widthOf(label));
  const room = Math.max(1, width - widthOf(indent) - widthOf(label));
  const out: string[] = [];
  const emit = (line: string, fits: boolean) => {
    const prefix = out.length === 0 ? indent + label : indent + hanging;
    if (fits) out.push(prefix + line);
    else {
      // An unbreakable word or URL: alone at column 0, after the label if there is one.
      if (out.length === 0 && label) out.push(trimEndVisible(indent + label));
      out.push(line);
    }
  };
  for (const block of blocks(text)) {
    if (block === BLANK) {
      out.push(trimEndVisible(indent));
      continue;
    }
    const markerWidth = widthOf(block.marker);
    const inner = Math.max(1, room - markerWidth);
    const lines = wrapAnsi(block.text, inner, { hard: false, trim: true, wordWrap: true }).split('\n');
    lines.forEach((line, i) => {
      const fits = widthOf(line) <= inner;
      const marker = i === 0 ? block.marker : ' '.repeat(markerWidth);
      if (fits) emit(marker + line, true);
      else {
        if (i === 0 && block.marker.trim()) emit(block.marker.trimEnd(), true);
        emit(line, false);
      }
    });
  }
  if (out.length === 0) out.push(trimEndVisible(indent + label));
  return out.join('\n');
}

/** Word-wrap text to a width with an indent on every line. */
export function wrap(text: string, width: number, indent = ''): string {
  return wrapText(text, width, { indent });
}

/** Wrap with a first-line label ("A) ") and a hanging indent for the following lines. */
export function hang(label: string, text: string, width: number, indent = ''): string {
  return wrapText(text, width, { indent, label });
}

/**
 * The name of a menu item or answer choice for an Inquirer list. Inquirer prints its cursor
 * (`cursorWidth` columns, 2 for select: "❯ ", 3 for checkbox: "❯◯ ") before the first line only,
 * so continuation lines get that many spaces to line up under the text.
 */
export function menuItem(text: string, width: number, options: { label?: string; cursorWidth?: number } = {}): string {
  const cursor = options.cursorWidth ?? 2;
  return wrapText(text, width - cursor, { label: options.label ?? '' }).replace(/\n/g, `\n${' '.repeat(cursor)}`);
}

/**
 * Short parts ("Question 3/10", "Domain 2", "Task 2.1") joined by a separator, broken between
 * parts rather than inside one when they do not fit on a line.
 */
export function joinFitting(parts: readonly string[], separator: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const part of parts) {
    const candidate = line ? line + separator + part : part;
    if (!line || widthOf(indent + candidate) <= width) line = candidate;
    else {
      lines.push(line);
      line = part;
    }
  }
  if (line) lines.push(line);
  return lines.map((l) => wrapText(l, width, { indent })).join('\n');
}

/**
 * Text with its author's soft line breaks joined: paragraphs separated by a blank line, list
 * items and marked line breaks each on a line of their own. For formats that wrap by themselves
 * (an Anki card, a spreadsheet cell).
 */
export function reflow(text: string): string {
  return blocks(text)
    .map((block) => (block === BLANK ? '' : block.marker + block.text))
    .join('\n');
}

/** True for a line that is one word or URL wider than the width, alone at column 0: the one allowed overflow. */
export function isUnbreakableLine(line: string, width: number): boolean {
  return widthOf(line) > width && /^\S+$/.test(stripStyles(line));
}

export const LETTERS = 'ABCDEFGH';

/** "1 question", "2 questions": a count with its noun in the right number. */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

interface Block {
  /** The list marker with its leading spaces ("  - ", "1. "), or "" for a paragraph. */
  readonly marker: string;
  readonly text: string;
}

const BLANK = Symbol('blank line');
const LIST_ITEM = /^(\s*)(\d{1,3}[.)]|[-*•])[ \t]+(.*)$/;
const HARD_BREAK = /( {2,}|\\)$/;

/** Split text into paragraphs and list items; everything else is reflowed. */
function blocks(text: string): (Block | typeof BLANK)[] {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ').split('\n');
  const out: (Block | typeof BLANK)[] = [];
  let current: { marker: string; indent: number; words: string[]; open: boolean } | undefined;
  const close = () => {
    if (current) out.push({ marker: current.marker, text: current.words.join(' ') });
    current = undefined;
  };
  for (const raw of lines) {
    if (raw.trim() === '') {
      close();
      if (out.length > 0 && out.at(-1) !== BLANK) out.push(BLANK);
      continue;
    }
    const hard = HARD_BREAK.test(raw);
    const line = hard ? raw.replace(HARD_BREAK, '') : raw;
    const leading = line.length - line.trimStart().length;
    const item = LIST_ITEM.exec(line);
    if (item) {
      close();
      current = { marker: `${item[1]}${item[2]} `, indent: leading, words: [], open: true };
      current.words.push(...words(item[3]!));
    } else if (current && current.open && (current.marker === '' || leading > current.indent)) {
      current.words.push(...words(line));
    } else {
      close();
      current = { marker: '', indent: leading, words: words(line), open: true };
    }
    if (hard && current) current.open = false;
  }
  close();
  while (out.at(-1) === BLANK) out.pop();
  return out;
}

function words(line: string): string[] {
  return line.trim().split(/ +/).filter(Boolean);
}

// eslint-disable-next-line no-control-regex
const SGR = /\u001B\[[0-9;]*m/g;

function stripStyles(text: string): string {
  return text.replace(SGR, '');
}

/** Trailing spaces removed, even when colour codes follow them ("│ " in dim). */
function trimEndVisible(text: string): string {
  return text.replace(/ +((?:\u001B\[[0-9;]*m)*)$/, '$1');
}
