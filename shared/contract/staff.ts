import { z } from 'zod';
import { method } from './define';
import { Id, NoInput, Pin, RoleSchema, StaffInfo, StaffName } from './common';

export const staffContract = {
  'staff.list': method({ input: NoInput, output: z.object({ items: z.array(StaffInfo) }), access: 'admin', write: false }),
  /** Who work can be given to: active staff, names and roles only (any staff may see them). */
  'staff.colleagues': method({
    input: NoInput,
    output: z.object({ items: z.array(z.object({ id: Id, name: z.string(), role: RoleSchema })) }),
    access: 'clerk',
    write: false,
  }),
  'staff.create': method({
    input: z.strictObject({ name: StaffName, role: RoleSchema, pin: Pin }),
    output: StaffInfo,
    access: 'admin',
    write: true,
    atHq: true,
  }),
  /** Change role, (de)activate, or set a new PIN. An admin cannot lock themselves out. */
  'staff.update': method({
    input: z.strictObject({ id: Id, role: RoleSchema.optional(), active: z.boolean().optional(), pin: Pin.optional() }),
    output: StaffInfo,
    access: 'admin',
    write: true,
    atHq: true,
  }),
  /**
   * Any staff member changes their own PIN, giving the current one. A wrong current PIN counts
   * towards the name's lock-out as a wrong PIN at login does (WRONG_CREDENTIALS with
   * `field: 'oldPin'`); while locked, LOCKED_OUT. The caller's other sessions end; this one stays.
   * `'own'`: the wrong-PIN count must be kept although the call then fails.
   */
  'staff.changeOwnPin': method({
    input: z.strictObject({ oldPin: Pin, newPin: Pin }),
    output: z.object({}),
    access: 'staff',
    write: 'own',
    atHq: true,
  }),
};
