import stringWidth from 'string-width';

/**
 * Layout pieces for full-screen views (a question, its feedback, a menu): the key bar at the
 * bottom and the window of lines that fits above it. Pure functions of lines and sizes, so the
 * prompts that use them stay small and the layout is tested without a terminal.
 */

/** One entry of a key bar: the key as shown ("s", "⏎", "esc") and what it does ("sure"). */
export interface KeyHint {
  readonly key: string;
  readonly label: string;
}

const SEPARATOR = ' · ';

/**
 * The keys that work on this screen, packed into as few lines as the width allows. An entry is
 * never split across lines, so "o open reference" always reads as one.
 */
export function keyBar(hints: readonly KeyHint[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const hint of hints) {
    const entry = `${hint.key} ${hint.label}`;
    if (line && stringWidth(line + SEPARATOR + entry) > width) {
      lines.push(line);
      line = entry;
    } else {
      line = line ? line + SEPARATOR + entry : entry;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Rows of the terminal, with a floor so that a tiny window still shows something useful. */
export function terminalRows(): number {
  return Math.max(10, process.stdout.rows || 24);
}

/** The first line to show so that lines [from, to) are in a window of `height` lines starting at `offset`. */
export function scrollToShow(offset: number, from: number, to: number, height: number): number {
  if (to - from >= height) return from;
  if (from < offset) return from;
  if (to > offset + height) return to - height;
  return offset;
}

export function clampOffset(offset: number, total: number, height: number): number {
  return Math.max(0, Math.min(offset, Math.max(0, total - height)));
}

/**
 * The window of `lines` starting at `offset`, with a line saying what is above or below when
 * not everything fits. Returns exactly the lines to print (at most `height`).
 */
export function viewport(lines: readonly string[], offset: number, height: number): { lines: string[]; offset: number; scrollable: boolean } {
  if (lines.length <= height) return { lines: [...lines], offset: 0, scrollable: false };
  const room = Math.max(1, height - 1);
  const start = clampOffset(offset, lines.length, room);
  const shown = lines.slice(start, start + room);
  const above = start;
  const below = lines.length - start - shown.length;
  const parts = [above > 0 ? `${above} lines above` : '', below > 0 ? `${below} below` : ''].filter(Boolean);
  return { lines: [...shown, `(${parts.join(', ')}: PgUp/PgDn to scroll)`], offset: start, scrollable: true };
}

/** Clear the screen and put the cursor at the top left, so each question starts on a fresh screen. */
export function clearScreen(): void {
  if (process.stdout.isTTY) process.stdout.write('\u001B[2J\u001B[H');
}
