import { z } from 'zod';
import { method } from './define';
import { BranchInfo, NoInput, Pin, StaffInfo, StaffName } from './common';
import { ChainCode } from './hq';

export const BranchCode = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9]{2,6}$/, 'invalid_branch_code'));

export const setupContract = {
  'setup.status': method({
    input: NoInput,
    output: z.object({
      initialized: z.boolean(),
      branch: BranchInfo.nullable(),
      appVersion: z.string(),
      /** the store's IANA time zone: the screen shows times and days in it, whatever the machine's */
      timeZone: z.string(),
    }),
    access: 'public',
    write: false,
  }),
  /** First run: the branch and its first admin. Refused once the database is set up. */
  'setup.init': method({
    input: z.strictObject({
      branchName: z.string().trim().min(1).max(40),
      branchCode: BranchCode,
      adminName: StaffName,
      adminPin: Pin,
      demoMembers: z.number().int().min(0).max(5000).default(0),
      /** `hq`: this database merges the branches' export files (no counter, no demo data). */
      kind: z.enum(['branch', 'hq']).default('branch'),
      /** a branch may enter its HQ's chain code now or before its first export */
      chainCode: ChainCode.optional(),
    }),
    output: z.object({ branch: BranchInfo, admin: StaffInfo, demoMembers: z.number().int(), chainCode: z.string().nullable() }),
    access: 'public',
    write: true,
    atHq: true,
  }),
};
