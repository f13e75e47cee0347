import { describe, expect, it } from 'vitest';
import { loginAs, makeTestApp, setUpBranch } from '../../helpers';

describe('members smoke', () => {
  it('registers and finds a member', () => {
    const t = makeTestApp();
    const admin = setUpBranch(t);
    const clerk = loginAs(t, admin, 'clerk');
    const m = t.call('members.create', { name: '张三', phone: '+86 138-1234 5678', consentData: true }, clerk);
    expect(m.phone).toBe('+8613812345678');
    expect(m.cardNo).toBe('SH0100000001');
    for (const q of ['zs', 'zhangsan', '5678', 'SH0100000001', '张', '13812345678']) {
      const r = t.call('members.search', { q }, clerk);
      expect(
        r.items.map((i) => i.id),
        q,
      ).toContain(m.id);
      expect(r.items[0].phone).toBe('138****5678');
    }
  });
});
