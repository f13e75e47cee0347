import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRIPTS, fieldsThatMayBeEmpty, renderScript, type ScriptValues } from '../../shared/followup-script';

const full: ScriptValues = {
  name: '张三', store: '徐汇店', staff: '小李', tier: '银卡会员', benefits: '生日礼', points: '120', expiringPoints: '80',
  expiringDate: '2027/06/30', birthday: '06/01', lastPurchaseDate: '2026/11/28', lastPurchaseAmount: '¥399.00',
};
const bare: ScriptValues = { ...full, tier: '普通会员', benefits: null, expiringPoints: null, expiringDate: null, birthday: null, lastPurchaseDate: null, lastPurchaseAmount: null };

describe('renderScript', () => {
  it('fills every field a member has', () => {
    expect(renderScript(DEFAULT_SCRIPTS.birthday, full)).toBe('张三您好，我是徐汇店的小李。您的生日（06/01）快到了，提前祝您生日快乐！作为银卡会员，您可享受：生日礼。欢迎到店领取生日礼。');
  });

  it('leaves out the sentence that needs a value the member lacks, never a dash or an empty clause', () => {
    // The tryout's "作为普通会员，您可享受：—。"
    expect(renderScript(DEFAULT_SCRIPTS.birthday, { ...full, tier: '普通会员', benefits: null })).toBe('张三您好，我是徐汇店的小李。您的生日（06/01）快到了，提前祝您生日快乐！欢迎到店领取生日礼。');
    expect(renderScript(DEFAULT_SCRIPTS.reactivation, { ...full, expiringPoints: null, expiringDate: null })).toBe('张三您好，我是徐汇店的小李。好久没见到您了，上次光临是 2026/11/28。店里上了不少新品，欢迎有空来看看。');
    for (const script of Object.values(DEFAULT_SCRIPTS)) expect(renderScript(script, bare)).not.toMatch(/—|：。|（）|\{\{/);
    // A blank value is as empty as none.
    expect(renderScript('您好。权益：{{benefits}}。', { ...full, benefits: '  ' })).toBe('您好。');
  });

  it('cuts sentences at Chinese and English stops and line ends, not inside an amount', () => {
    expect(renderScript('Hi {{name}}. You paid {{lastPurchaseAmount}} on {{lastPurchaseDate}}. See you!', bare)).toBe('Hi 张三. See you!');
    expect(renderScript('Hi {{name}}. You paid ¥12.50 on {{lastPurchaseDate}}. See you!', full)).toBe('Hi 张三. You paid ¥12.50 on 2026/11/28. See you!');
    expect(renderScript('{{name}}您好\n生日 {{birthday}}\n再见', bare)).toBe('张三您好\n再见');
    expect(renderScript('“生日快乐，{{birthday}}！”欢迎光临。', bare)).toBe('欢迎光临。');
  });

  it('leaves an unknown field as typed, so a typo shows', () => {
    expect(renderScript('{{name}}，{{nmae}}。', full)).toBe('张三，{{nmae}}。');
  });
});

describe('fieldsThatMayBeEmpty', () => {
  it('names the optional fields a script uses, for the editor to warn about', () => {
    expect(fieldsThatMayBeEmpty(DEFAULT_SCRIPTS.birthday)).toEqual(['benefits', 'birthday']);
    expect(fieldsThatMayBeEmpty(DEFAULT_SCRIPTS.complaint)).toEqual([]);
    expect(fieldsThatMayBeEmpty('{{ expiringDate }} {{lastPurchaseAmount}}')).toEqual(['expiringDate', 'lastPurchaseAmount']);
  });
});
