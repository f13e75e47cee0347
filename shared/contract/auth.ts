import { z } from 'zod';
import { method } from './define';
import { BranchInfo, LocaleSchema, NoInput, Pin, StaffInfo, StaffName } from './common';

export const authContract = {
  'auth.login': method({
    input: z.strictObject({ name: StaffName, pin: Pin }),
    output: z.object({ session: z.string(), staff: StaffInfo, branch: BranchInfo }),
    access: 'public',
    write: false, // records failed attempts even though it then answers with an error
  }),
  'auth.logout': method({ input: NoInput, output: z.object({}), access: 'staff', write: false }),
  'auth.me': method({
    input: NoInput,
    output: z.object({ staff: StaffInfo, branch: BranchInfo }),
    access: 'staff',
    write: false,
  }),
  'auth.setLocale': method({
    input: z.strictObject({ locale: LocaleSchema }),
    output: StaffInfo,
    access: 'staff',
    write: true,
    atHq: true,
  }),
};
