import chalk from 'chalk';
import { safeJson } from '../escape.js';
import { DOMAINS } from '../../bank/catalogue.js';
import { loadSummaries, type BankOptions } from '../banks.js';
import { terminalWidth } from '../terminal.js';
import { hang, padStart, plural, widthOf, wrap } from '../text.js';

/** The five domains with weights, task statements and question counts. */
export async function domains(options: BankOptions & { json?: boolean }): Promise<void> {
  const questions = await loadSummaries(options);
  const count = (match: (q: (typeof questions)[number]) => boolean) => questions.filter(match).length;
  const data = {
    total: questions.length,
    domains: DOMAINS.map((d) => ({
      id: d.id,
      title: d.title,
      weight: d.weight,
      questions: count((q) => q.domain === d.id),
      tasks: d.tasks.map((t) => ({ id: t.id, title: t.title, questions: count((q) => q.task === t.id) })),
    })),
  };
  if (options.json) {
    console.log(safeJson(data, 2));
    return;
  }
  console.log(renderDomains(data, terminalWidth()));
}

/** The domains as a list: each title with its weight and count, then its task statements with theirs. */
export function renderDomains(data: { total: number; domains: readonly { id: number; title: string; weight: number; questions: number; tasks: readonly { id: string; title: string; questions: number }[] }[] }, width: number): string {
  const out: string[] = [];
  for (const d of data.domains) {
    const title = `Domain ${d.id}: ${d.title}`;
    const meta = `${d.weight}% of the exam · ${plural(d.questions, 'question')}`;
    // On the title's line when both fit, else on a line of its own under it.
    if (widthOf(`${title}  ${meta}`) <= width) out.push(chalk.bold(title) + chalk.dim(`  ${meta}`));
    else out.push(chalk.bold(hang(`Domain ${d.id}: `, d.title, width)), wrap(meta, width, '  '));
    for (const t of d.tasks) out.push(hang(`  ${t.id}  ${padStart(String(t.questions), 4)}  `, t.title, width));
  }
  out.push('', wrap(`${plural(data.total, 'question')} in all.`, width));
  return out.join('\n');
}
