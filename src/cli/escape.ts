import { UNSAFE_CHARACTERS } from '../bank/text.js';

/**
 * The one escaping function for text that did not come from this program: bank text, file
 * names, ids, field names from a bank, anything read from disk. Such text can carry terminal
 * control sequences (ESC, CSI, OSC 8 links, OSC 52 clipboard writes, C1 controls, BEL) that
 * would act on the learner's terminal, bidirectional overrides that make text read differently
 * from what it says, and zero-width characters that hide differences. Printing or exporting it
 * through `escapeText` shows each such character as a visible `\u{…}` code instead, so nothing
 * from a bank can act on the terminal or hide from the reader. The set of characters is the one
 * the bank loader rejects (src/bank/text.ts), so the two can never disagree.
 *
 * Line breaks and tabs stay: they are layout, and the loader already rejects them where they
 * do not belong.
 */
const UNSAFE = new RegExp(UNSAFE_CHARACTERS.source, 'gu');

export function escapeText(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/** True when `escapeText` would change the text. */
export function needsEscape(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found;
}

/**
 * JSON for standard output. JSON.stringify leaves C1 controls, bidirectional overrides and
 * zero-width characters raw, and a terminal acts on them; written as \uXXXX escapes they are the
 * same JSON data to any parser, and inert on a screen.
 */
export function safeJson(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent).replace(UNSAFE, (ch) =>
    ch.length === 2
      ? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}\\u${ch.charCodeAt(1).toString(16).padStart(4, '0')}`
      : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
