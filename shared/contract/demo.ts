import { z } from 'zod';
import { method } from './define';
import { Id, NoInput } from './common';

// 删除演示数据 (README "First run", docs/jobs.md `demo.remove`): the first run's demo members and
// everything recorded on them, removed by an admin once the store starts for real.

/** Why the demo data can no longer be removed: its members went to HQ in an export file (they are at HQ too). */
export const DEMO_REFUSALS = ['sent_to_hq'] as const;

/** The error of a removal whose backup failed (the job's `error`): nothing was removed. */
export const DEMO_BACKUP_FAILED = 'backup_failed';

export const DemoData = z.object({
  /** demo members still in the store that the removal takes */
  members: z.number().int(),
  sales: z.number().int(),
  /** of `sales`, those recorded at the counter after the demo load: they go with their member */
  counterSales: z.number().int(),
  pointsEntries: z.number().int(),
  followups: z.number().int(),
  /** complaints, suggestions and praise recorded on them */
  feedback: z.number().int(),
  consents: z.number().int(),
  /** demo members a merge joined to a member of the store's own: they stay with that member */
  kept: z.number().int(),
  /** null: the removal may run */
  refusal: z.enum(DEMO_REFUSALS).nullable(),
  /** the removal under way, if one is */
  jobId: Id.nullable(),
});
export type DemoData = z.infer<typeof DemoData>;

export const demoContract = {
  /** What 删除演示数据 would remove, and whether it may (the 设置 page shows the button while there is any). */
  'demo.status': method({
    input: NoInput,
    output: DemoData,
    access: 'admin',
    write: false,
  }),
  /**
   * Backs the store up, then removes the demo members and everything recorded on them (sales, also
   * those made at the counter since, points, follow-ups, feedback, consents) in a background job;
   * the report summaries are rebuilt after. Staff, settings, rules, the store's own members and
   * their records, the audit trail and the backups stay. Refused once an export file was made for
   * HQ (CONFLICT `sent_to_hq`), with nothing to remove (CONFLICT `no_demo_data`), and at HQ.
   * A second call while one runs answers that one.
   */
  'demo.remove': method({
    input: z.strictObject({ confirm: z.literal(true) }),
    output: z.object({ jobId: Id, members: z.number().int() }),
    access: 'admin',
    write: true,
  }),
};
