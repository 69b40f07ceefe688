/**
 * The one escaping function for text that did not come from this program: bank text, file
 * names, ids, field names from a bank, anything read from disk. Such text can carry terminal
 * control sequences (ESC, CSI, OSC 8 links, OSC 52 clipboard writes, C1 controls, BEL) that
 * would act on the learner's terminal, bidirectional overrides that make text read differently
 * from what it says, and zero-width characters that hide differences. Printing or exporting it
 * through `escapeText` shows each such character as a visible `\u{…}` code instead, so nothing
 * from a bank can act on the terminal or hide from the reader.
 *
 * Line breaks and tabs stay: they are layout, and the loader already rejects them where they
 * do not belong.
 */

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;

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
