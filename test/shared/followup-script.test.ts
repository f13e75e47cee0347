import { describe, expect, it } from 'vitest';
import {
  birthdayGreeting,
  DEFAULT_SCRIPTS,
  fieldsThatMayBeEmpty,
  onlyEdited,
  renderScript,
  scriptsWithDefaults,
  type ScriptValues,
} from '../../shared/followup-script';

const full: ScriptValues = {
  name: '张三',
  store: '徐汇店',
  staff: '小李',
  tier: '银卡会员',
  benefits: '生日礼',
  points: '120',
  expiringPoints: '80',
  expiringDate: '2027/06/30',
  birthday: '06/01',
  birthdayGreeting: '快到了，提前祝您生日快乐',
  lastPurchaseDate: '2026/11/28',
  lastPurchaseAmount: '¥399.00',
};
const bare: ScriptValues = {
  ...full,
  tier: '普通会员',
  benefits: null,
  expiringPoints: null,
  expiringDate: null,
  birthday: null,
  birthdayGreeting: null,
  lastPurchaseDate: null,
  lastPurchaseAmount: null,
};

describe('renderScript', () => {
  it('fills every field a member has', () => {
    expect(renderScript(DEFAULT_SCRIPTS.birthday, full)).toBe(
      '张三您好，我是徐汇店的小李。您的生日（06/01）快到了，提前祝您生日快乐！作为银卡会员，您可享受：生日礼。欢迎到店领取生日礼。',
    );
  });

  it('leaves out the sentence that needs a value the member lacks, never a dash or an empty clause', () => {
    // The tryout's "作为普通会员，您可享受：—。"
    expect(renderScript(DEFAULT_SCRIPTS.birthday, { ...full, tier: '普通会员', benefits: null })).toBe(
      '张三您好，我是徐汇店的小李。您的生日（06/01）快到了，提前祝您生日快乐！欢迎到店领取生日礼。',
    );
    expect(renderScript(DEFAULT_SCRIPTS.reactivation, { ...full, expiringPoints: null, expiringDate: null })).toBe(
      '张三您好，我是徐汇店的小李。好久没见到您了，上次光临是 2026/11/28。店里上了不少新品，欢迎有空来看看。',
    );
    for (const script of Object.values(DEFAULT_SCRIPTS)) expect(renderScript(script, bare)).not.toMatch(/—|：。|（）|\{\{/);
    // A blank value is as empty as none.
    expect(renderScript('您好。权益：{{benefits}}。', { ...full, benefits: '  ' })).toBe('您好。');
  });

  it('cuts sentences at Chinese and English stops and line ends, not inside an amount', () => {
    expect(renderScript('Hi {{name}}. You paid {{lastPurchaseAmount}} on {{lastPurchaseDate}}. See you!', bare)).toBe('Hi 张三. See you!');
    expect(renderScript('Hi {{name}}. You paid ¥12.50 on {{lastPurchaseDate}}. See you!', full)).toBe(
      'Hi 张三. You paid ¥12.50 on 2026/11/28. See you!',
    );
    expect(renderScript('{{name}}您好\n生日 {{birthday}}\n再见', bare)).toBe('张三您好\n再见');
    expect(renderScript('“生日快乐，{{birthday}}！”欢迎光临。', bare)).toBe('欢迎光临。');
  });

  it('greets a birthday as coming, today or just past, from the day of the call', () => {
    // The tryout heard "快到了，提前祝您生日快乐" on the birthday itself and a week after it.
    const on = (callDay: string) =>
      renderScript(DEFAULT_SCRIPTS.birthday, { ...full, benefits: null, birthdayGreeting: birthdayGreeting('2026-06-01', callDay) });
    expect(on('2026-05-17')).toBe('张三您好，我是徐汇店的小李。您的生日（06/01）快到了，提前祝您生日快乐！欢迎到店领取生日礼。');
    expect(on('2026-06-01')).toBe('张三您好，我是徐汇店的小李。您的生日（06/01）就是今天，祝您生日快乐！欢迎到店领取生日礼。');
    expect(on('2026-06-08')).toBe('张三您好，我是徐汇店的小李。您的生日（06/01）刚过去，补祝您生日快乐！欢迎到店领取生日礼。');
    // the on-the-day call made a day late does not say "today"
    expect(birthdayGreeting('2026-06-01', '2026-06-02')).toBe('刚过去，补祝您生日快乐');
    // a call with no birthday to greet (a manual task) leaves the sentence out
    expect(renderScript('{{name}}您好。您的生日{{birthdayGreeting}}！', bare)).toBe('张三您好。');
  });

  it('leaves an unknown field as typed, so a typo shows', () => {
    expect(renderScript('{{name}}，{{nmae}}。', full)).toBe('张三，{{nmae}}。');
  });
});

describe('fieldsThatMayBeEmpty', () => {
  it('names the optional fields a script uses, for the editor to warn about', () => {
    expect(fieldsThatMayBeEmpty(DEFAULT_SCRIPTS.birthday, 'birthday')).toEqual(['benefits', 'birthday']);
    // a birthday task always has its greeting; any other call has none
    expect(fieldsThatMayBeEmpty(DEFAULT_SCRIPTS.birthday, 'manual')).toEqual(['benefits', 'birthday', 'birthdayGreeting']);
    expect(fieldsThatMayBeEmpty(DEFAULT_SCRIPTS.complaint)).toEqual([]);
    expect(fieldsThatMayBeEmpty('{{ expiringDate }} {{lastPurchaseAmount}}')).toEqual(['expiringDate', 'lastPurchaseAmount']);
  });
});

describe('scriptsWithDefaults', () => {
  const oldBirthday =
    '{{name}}您好，我是{{store}}的{{staff}}。您的生日（{{birthday}}）快到了，提前祝您生日快乐！作为{{tier}}，您可享受：{{benefits}}。欢迎到店领取生日礼。';

  it("reads a saved copy of an old default as today's default, and keeps what the store wrote", () => {
    // Saving a rule used to store every script: the old birthday default sits in many stores' settings.
    expect(scriptsWithDefaults({ ...DEFAULT_SCRIPTS, birthday: oldBirthday }).birthday).toBe(DEFAULT_SCRIPTS.birthday);
    const own = '{{name}}您好，生日快乐！';
    expect(scriptsWithDefaults({ birthday: own, manual: '您好' })).toEqual({ ...DEFAULT_SCRIPTS, birthday: own, manual: '您好' });
    expect(scriptsWithDefaults(null)).toEqual(DEFAULT_SCRIPTS);
  });

  it('keeps only the scripts the store changed', () => {
    expect(onlyEdited({ ...DEFAULT_SCRIPTS, birthday: oldBirthday, manual: '您好' })).toEqual({ manual: '您好' });
  });
});
