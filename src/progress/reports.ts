import path from 'node:path';
import { z } from 'zod';
import { SideFile } from './side-file.js';

export const REPORTS_FILE = 'reports.json';

const reportSchema = z.strictObject({
  /** When the learner reported it, ISO 8601. */
  at: z.iso.datetime(),
  id: z.string().min(1),
  /** Which text was reported: the tool's version, the question's content hash and where it was read. */
  bank: z.strictObject({ version: z.string(), hash: z.string(), file: z.string(), line: z.number().int(), reviewed: z.string().optional() }),
  note: z.string(),
});
const reportsSchema = z.strictObject({ version: z.literal(1), reports: z.array(reportSchema) });

export type ProblemReport = z.infer<typeof reportSchema>;
type Reports = z.infer<typeof reportsSchema>;

/** "Report a problem with this question": kept locally until the learner pastes them into an issue. */
export class ReportStore {
  private readonly store: SideFile<Reports>;

  constructor(dataDir: string) {
    this.store = new SideFile(path.join(dataDir, REPORTS_FILE), reportsSchema, () => ({ version: 1, reports: [] }), 'problem reports');
  }

  get file(): string {
    return this.store.file;
  }

  list(): ProblemReport[] {
    return this.store.read().reports;
  }

  add(report: ProblemReport): void {
    this.store.update((r) => ({ ...r, reports: [...r.reports, report] }));
  }
}
