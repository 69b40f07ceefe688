import { describe, expect, it } from 'vitest';
import { makeBankFolder, tempDir } from './helpers.js';
import { KEY, Terminal } from './pty.js';

describe('hints name a command that works as the learner ran the tool', () => {
  it('a mock exam paused with Ctrl+C under npx says to continue with npx aif-quiz exam --resume', async () => {
    const bank = makeBankFolder(1);
    // npm sets npm_command=exec for `npx aif-quiz`, which is how the README's set-up runs it.
    const term = new Terminal(['exam', '--bank-only', '--bank', bank, '--questions', '5'], { AIF_QUIZ_HOME: tempDir(), npm_command: 'exec' }, { cols: 80, rows: 24 });
    await term.waitFor('Question 1/5');
    await term.type(KEY.ctrlC);
    expect(await term.exitCode()).toBe(130);
    expect(term.text).toContain('Continue with: npx aif-quiz exam --resume');
  });

  it('asking for more exam questions than the banks hold suggests an npx command under npx', async () => {
    const term = new Terminal(['exam', '--bank-only', '--bank', makeBankFolder(1), '--questions', '50'], { AIF_QUIZ_HOME: tempDir(), npm_command: 'exec' }, { cols: 80, rows: 24 });
    expect(await term.exitCode()).toBe(2);
    expect(term.text.replace(/\s+/g, ' ')).toContain('for example: npx aif-quiz exam --questions 5');
  });
});
