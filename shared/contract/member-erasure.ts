import { z } from 'zod';
import { method } from './define';
import { Id } from './common';
import { Member } from './members';

// 删除会员（个人信息） (docs/privacy.md "Erasing a member"): a member's request to be erased, by an
// admin, confirmed. The profile is anonymised; the sales, ledger and lots stay for the books.

export const memberErasureContract = {
  /**
   * Erases the member and every card merged into them: name, phone, card, birthday, notes, tags
   * and consents replaced or cleared, the personal text of their sales, ledger, follow-ups and
   * complaints cleared, their audit rows redacted, the erasure listed beside the backups (a
   * restore erases again) and sent to HQ with the next export. Refused (MEMBER_ERASED) twice.
   */
  'members.erase': method({
    input: z.strictObject({
      id: Id,
      /** the admin confirmed in the dialog: without it nothing is erased */
      confirm: z.literal(true),
      /** why (the member's request, withdrawn consent); kept in the audit row without personal values */
      reason: z.string().trim().min(1).max(200),
    }),
    output: z.object({
      member: Member,
      /** the member and the cards merged into them */
      erasedMembers: z.number().int(),
      redactedAuditRows: z.number().int(),
    }),
    access: 'admin',
    write: true,
  }),
};
