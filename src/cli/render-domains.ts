import chalk from 'chalk';
import { hang, padStart, plural, widthOf, wrap } from './text.js';

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
