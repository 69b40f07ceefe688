/**
 * Bank text ends up printed to the user's terminal and written to exports. A control character or
 * escape sequence in a shared bank (ESC and CSI, OSC 8 links, OSC 52 clipboard writes, C1
 * controls, BEL, DEL) could move the cursor, recolour the screen, write the clipboard or hide
 * text; bidirectional overrides make text read differently from what it says; invisible
 * characters (zero-width spaces and joiners, word joiners, soft hyphens, variation selectors,
 * tag characters) make two texts that look the same compare as different. All of them are
 * rejected in every string of a bank, and the same set is what `escapeText` makes visible when
 * printing anything else. Tabs and line breaks are ordinary text and allowed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /[\u00AD\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200D\u2028\u2029\u2060-\u2065\u206A-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/u;

/** Every character that must never reach a terminal raw: the union of the three sets above (for escapeText). */
// eslint-disable-next-line no-control-regex
export const UNSAFE_CHARACTERS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u2028\u2029\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}]/gu;

function codeOf(ch: string): string {
  return ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
}

/** A sentence describing why the text is unsafe to print, or undefined when it is fine. */
export function unsafeTextReason(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) {
    const ch = control[0];
    if (ch === '\u001B') return 'contains a terminal escape sequence (U+001B), which could change the terminal; remove it';
    if (ch === '\u009B' || ch === '\u009D') return `contains the terminal control U+${codeOf(ch)} (a C1 escape), which could change the terminal; remove it`;
    if (ch === '\u0007') return 'contains the bell character U+0007; remove it';
    return `contains the control character U+${codeOf(ch)}; remove it`;
  }
  const bidi = BIDI.exec(text);
  if (bidi) {
    return `contains the bidirectional control U+${codeOf(bidi[0])}, which can make text display differently from what it says; remove it`;
  }
  const invisible = INVISIBLE.exec(text);
  if (invisible) {
    return `contains the invisible character U+${codeOf(invisible[0])}, which makes text look the same as different text; remove it`;
  }
  return undefined;
}

/**
 * The form two texts are compared in to decide whether they are the same to a reader: Unicode
 * compatibility forms folded (NFKC: a full-width "Ａ" is an "A"), invisible characters dropped,
 * case and white space collapsed.
 */
export function comparableText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(new RegExp(UNSAFE_CHARACTERS.source, 'gu'), '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Collapse case and white space, so that stems differing only in layout count as the same. */
export function normaliseStem(stem: string): string {
  return comparableText(stem);
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
