import { describe, expect, it } from 'vitest';
import { MEMBER_FILE_COLUMNS } from '../../../shared/member-file';
import { MEMBER_FIELD_DEFINITIONS, MEMBER_FIELDS } from '../../../shared/import/columns';
import { SALE_FIELD_DEFINITIONS, SALE_FIELDS } from '../../../shared/import/sale-columns';
import { columnOf, guessMapping, normaliseHeader, unmappedRequired } from '../../../shared/import/header-guess';

const guessMembers = (headers: string[]) => guessMapping(headers, MEMBER_FIELD_DEFINITIONS);
const guessSales = (headers: string[]) => guessMapping(headers, SALE_FIELD_DEFINITIONS);

describe('normaliseHeader', () => {
  it.each([
    ['手机号', '手机号'],
    [' 手 机 号 ', '手机号'],
    ['\ufeff会员卡号', '会员卡号'],
    ['手机号(必填)', '手机号'],
    ['手机号（必填）', '手机号'],
    ['*姓名', '姓名'],
    ['姓名：', '姓名'],
    ['【备注】', '备注'],
    ['电话2', '电话'],
    ['Mobile Phone', 'mobilephone'],
    ['mobile_phone', 'mobilephone'],
    ['ＭＯＢＩＬＥ', 'mobile'],
    ['Receipt No.', 'receiptno'],
    ['E-mail', 'email'],
  ])('%j is compared as %j', (header, normal) => {
    expect(normaliseHeader(header)).toBe(normal);
  });
});

describe('guessMapping: members', () => {
  it('maps the member list export’s own headers back to their fields (the round trip)', () => {
    const headers = MEMBER_FILE_COLUMNS.map((c) => c.header);
    expect(guessMembers(headers)).toEqual([
      'cardNo',
      'name',
      'phone',
      'birthday',
      'gender',
      'tier',
      'points',
      'tags',
      'notes',
      'consentMarketing',
      'registeredOn',
      'email',
      'address',
      'status',
    ]);
  });

  it('knows every field by its first synonym, and each synonym list names no other field’s', () => {
    expect(guessMembers(MEMBER_FIELDS.map((f) => MEMBER_FIELD_DEFINITIONS[f].synonyms[0]))).toEqual([...MEMBER_FIELDS]);
    const owner = new Map<string, string>();
    for (const field of MEMBER_FIELDS) {
      for (const synonym of MEMBER_FIELD_DEFINITIONS[field].synonyms.map(normaliseHeader)) {
        expect(owner.get(synonym) ?? field, `${synonym} names ${owner.get(synonym)} and ${field}`).toBe(field);
        owner.set(synonym, field);
      }
    }
  });

  it('reads a messy sheet from another system', () => {
    expect(
      guessMembers([
        '序号',
        ' 客户姓名 ',
        '手机号码(必填)',
        '性别',
        '出生日期',
        '会员卡号',
        '可用积分',
        '储值余额',
        '会员等级',
        '备注',
        '推荐人手机',
        '最后消费时间',
      ]),
    ).toEqual([null, 'name', 'phone', 'gender', 'birthday', 'cardNo', 'points', 'storedValue', 'tier', 'notes', null, null]);
  });

  it('reads English headers whatever their case, spaces or underscores', () => {
    expect(
      guessMembers(['Full Name', 'MOBILE', 'date_of_birth', 'Sex', 'Card No', 'Points Balance', 'E-mail', 'Tags', 'Remarks', 'Opt-in']),
    ).toEqual(['name', 'phone', 'birthday', 'gender', 'cardNo', 'points', 'email', 'tags', 'notes', 'consentMarketing']);
  });

  it('gives a field to the better header when two name it, and leaves the other for the user', () => {
    expect(guessMembers(['电话', '手机'])).toEqual([null, 'phone']);
    expect(guessMembers(['姓名', '名字'])).toEqual(['name', null]);
    expect(guessMembers(['手机', '手机'])).toEqual(['phone', null]);
  });

  it('matches a Chinese header that holds a synonym, but not a Latin one ("hotel" holds "tel")', () => {
    expect(guessMembers(['会员手机号', '顾客生日', '会员姓名'])).toEqual(['phone', 'birthday', 'name']);
    expect(guessMembers(['hotel', 'cartel'])).toEqual([null, null]);
  });

  it('does not take a header about something else for a field it mentions', () => {
    expect(guessMembers(['累计积分'])).toEqual([null]);
    expect(guessMembers(['商品名称', '门店名称'])).toEqual([null, null]);
    expect(guessMembers(['导购电话', '紧急联系人手机'])).toEqual([null, null]);
    expect(guessMembers(['积分余额', '会员卡余额'])).toEqual(['points', 'storedValue']);
    // 卡 keeps 会员卡名称 from being a name, so a cardholder is named outright
    expect(guessMembers(['持卡人姓名', '会员卡名称'])).toEqual(['name', 'tier']);
  });

  it('leaves what nobody knows, and blank headers, unmapped', () => {
    expect(guessMembers(['', '微信号', '身份证', '  '])).toEqual([null, null, null, null]);
  });

  it('says which required field no column holds', () => {
    const mapping = guessMembers(['姓名', '生日']);
    expect(unmappedRequired(mapping, MEMBER_FIELD_DEFINITIONS)).toEqual(['phone']);
    expect(columnOf(mapping, 'birthday')).toBe(1);
    expect(columnOf(mapping, 'phone')).toBe(-1);
  });
});

describe('guessMapping: sales', () => {
  it('knows every field by its first synonym', () => {
    expect(guessSales(SALE_FIELDS.map((f) => SALE_FIELD_DEFINITIONS[f].synonyms[0]))).toEqual([...SALE_FIELDS]);
  });

  it('reads a till’s daily export', () => {
    expect(guessSales(['小票号', '交易时间', '会员卡号', '会员手机', '商品类别', '应收金额', '优惠金额', '实收金额', '收银员'])).toEqual([
      'receiptNo',
      'soldAt',
      'cardNo',
      'phone',
      'category',
      null,
      null,
      'amount',
      null,
    ]);
  });

  it.each([
    [
      ['日期', '金额', '手机'],
      ['soldAt', 'amount', 'phone'],
    ],
    [
      ['消费日期', '消费金额', '卡号', '单号'],
      ['soldAt', 'amount', 'cardNo', 'receiptNo'],
    ],
    [
      ['流水号', '订单号', '品类'],
      ['receiptNo', null, 'category'],
    ],
    [
      ['Date', 'Amount', 'Phone', 'Receipt No', 'Category'],
      ['soldAt', 'amount', 'phone', 'receiptNo', 'category'],
    ],
  ])('%j maps to %j', (headers, fields) => {
    expect(guessSales(headers)).toEqual(fields);
  });

  it('needs a date and an amount', () => {
    expect(unmappedRequired(guessSales(['手机', '小票号']), SALE_FIELD_DEFINITIONS)).toEqual(['soldAt', 'amount']);
  });
});
