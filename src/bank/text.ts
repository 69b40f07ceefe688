/**
 * Bank text ends up printed to the user's terminal. A control character or escape sequence in a
 * shared bank could move the cursor, recolour the screen or hide text, and bidirectional overrides
 * can make a stem read differently from what it says, so all of them are rejected at load time.
 * Tabs and line breaks are ordinary text and allowed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** A sentence describing why the text is unsafe to print, or undefined when it is fine. */
export function unsafeTextReason(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return control[0] === '\u001B'
      ? 'contains a terminal escape sequence (U+001B), which could change the terminal; remove it'
      : `contains the control character U+${code}; remove it`;
  }
  const bidi = BIDI.exec(text);
  if (bidi) {
    const code = bidi[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return `contains the bidirectional control U+${code}, which can make text display differently from what it says; remove it`;
  }
  return undefined;
}

/** Collapse case and white space, so that stems differing only in layout count as the same. */
export function normaliseStem(stem: string): string {
  return stem.toLowerCase().replace(/\s+/g, ' ').trim();
}

const COUNT_WORDS: Readonly<Record<string, number>> = { two: 2, three: 3, four: 4, five: 5, six: 6 };

/** How many answers a `multiple` stem announces ("Select TWO."), or undefined if it does not say. */
export function announcedCount(stem: string): number | undefined {
  const m = /\bselect\s+(two|three|four|five|six|\d+)\b/i.exec(stem);
  if (!m) return undefined;
  const word = m[1]!.toLowerCase();
  return COUNT_WORDS[word] ?? Number(word);
}

/**
 * "1.2" before "1.10", without Intl: creating an ICU collator costs several milliseconds at
 * start-up, more than everything else this function's callers do.
 */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

/** Plain code-unit order, for ISO timestamps and paths: String#localeCompare would load ICU. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
