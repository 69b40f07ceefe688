/** Word-wrap plain text to a width, keeping paragraphs and an indent on every line. */
export function wrap(text: string, width: number, indent = ''): string {
  const room = Math.max(20, width - indent.length);
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        if (line && line.length + 1 + word.length > room) {
          lines.push(line);
          line = word;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      if (line) lines.push(line);
      return lines.map((l) => indent + l).join('\n');
    })
    .join('\n\n');
}

/** Wrap with a first-line label ("A) ") and a hanging indent for the following lines. */
export function hang(label: string, text: string, width: number, indent = ''): string {
  // eslint-disable-next-line no-control-regex
  const pad = ' '.repeat(label.replace(/\u001B\[[0-9;]*m/g, '').length);
  const body = wrap(text, width, indent + pad).slice(indent.length + pad.length);
  return `${indent}${label}${body}`;
}

export const LETTERS = 'ABCDEFGH';
