import { ReportStore } from '../../progress/reports.js';
import { escapeText } from '../escape.js';
import { hint } from '../invocation.js';
import { terminalWidth } from '../terminal.js';
import { wrap } from '../text.js';

/**
 * `report --list`: every problem the learner reported with a question, as Markdown to paste into
 * an issue. Each names the question id, the tool version and the content hash of the text that
 * was read, so that a maintainer knows exactly which wording was meant.
 */
export function reportList(options: { dataDir: string }): void {
  const store = new ReportStore(options.dataDir);
  const reports = store.list();
  if (reports.length === 0) {
    console.error(wrap(`No reports yet. Press r on a question's feedback screen (in ${hint('practice')} or ${hint('review')}) to write one.`, terminalWidth()));
    return;
  }
  const out = [`## Problems with ${reports.length === 1 ? 'a question' : `${reports.length} questions`} (aif-quiz)`, ''];
  for (const r of reports) {
    out.push(
      `### \`${escapeText(r.id)}\``,
      '',
      `- reported: ${escapeText(r.at.slice(0, 10))}`,
      `- bank: aif-quiz ${escapeText(r.bank.version)}, question hash ${escapeText(r.bank.hash)}${r.bank.reviewed ? `, reviewed ${escapeText(r.bank.reviewed)}` : ''}`,
      `- file: ${escapeText(r.bank.file)}:${r.bank.line}`,
      '',
      r.note ? wrap(escapeText(r.note), terminalWidth(), '> ') : '> (no note)',
      '',
    );
  }
  console.log(out.join('\n').trimEnd());
  console.error(`${reports.length} ${reports.length === 1 ? 'report' : 'reports'} from ${escapeText(store.file)}.`);
}
