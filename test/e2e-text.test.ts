import { describe, expect, it } from 'vitest';
import { KEY, Terminal } from './pty.js';
import { makeBankFolder, MINI_BANK, tempDir } from './helpers.js';

describe('practice --type in a terminal', () => {
  it('counts only questions of that type in the domain menu, and says "1 question"', async () => {
    const singles = makeBankFolder(3);
    const term = new Terminal(['practice', '--bank-only', '--bank', MINI_BANK, '--bank', singles, '--type', 'multiple'], { AIF_QUIZ_HOME: tempDir() }, { cols: 80, rows: 24 });
    const screen = await term.waitFor(/Which domain\?[\s\S]*Fundamentals of AI and ML[\s\S]*\)/);
    expect(screen.replace(/\s+/g, ' ')).toContain('Fundamentals of AI and ML (20% of the exam, 1 question)');
    // Domains 2-5 hold only single-answer questions here: not offered for --type multiple.
    expect(screen).not.toContain('Fundamentals of Generative AI');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
  });
});
