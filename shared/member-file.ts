import type { MemberFileRow } from './contract/member-list';

// The member file (会员列表): what 导出 on the 会员 page writes, in CSV or Excel, and the layout
// a member import will read (docs/members.md "The member file"). Headers and words are Chinese
// whatever the screen's language: the file is data for the store, not a page.

export const GENDER_WORDS = { female: '女', male: '男', unspecified: '未说明' } as const;
export const STATUS_WORDS = { active: '在用', inactive: '已停用', merged: '已合并' } as const;
export const YES_NO = { yes: '是', no: '否' } as const;
/** Between a member's tags in one cell (a tag never holds one: the import splits on it). */
export const TAG_SEPARATOR = '、';

export interface MemberFileColumn {
  header: string;
  /** points are a number; everything else is text, so no spreadsheet turns a card or a date into something else */
  kind: 'text' | 'number';
  cell: (row: MemberFileRow) => string | number;
}

/**
 * A mainland number as it is dialled in China (what staff type and an import reads): a mobile's
 * 11 digits, a landline with its trunk 0 (021…, 010…), which without it would read back as no
 * number at all; any other in E.164.
 */
export function filePhone(e164: string): string {
  if (!e164.startsWith('+86')) return e164;
  const national = e164.slice(3);
  return /^1[3-9]\d{9}$/.test(national) ? national : `0${national}`;
}

export const MEMBER_FILE_COLUMNS: readonly MemberFileColumn[] = [
  { header: '会员卡号', kind: 'text', cell: (r) => r.cardNo },
  { header: '姓名', kind: 'text', cell: (r) => r.name },
  { header: '手机', kind: 'text', cell: (r) => filePhone(r.phone) },
  { header: '生日', kind: 'text', cell: (r) => r.birthday ?? '' },
  { header: '性别', kind: 'text', cell: (r) => GENDER_WORDS[r.gender] },
  { header: '等级', kind: 'text', cell: (r) => r.tierName },
  { header: '积分', kind: 'number', cell: (r) => r.points },
  { header: '标签', kind: 'text', cell: (r) => r.tags.join(TAG_SEPARATOR) },
  { header: '备注', kind: 'text', cell: (r) => r.notes ?? '' },
  { header: '同意营销', kind: 'text', cell: (r) => (r.consentMarketing ? YES_NO.yes : YES_NO.no) },
  { header: '注册日期', kind: 'text', cell: (r) => r.registeredOn },
  { header: '邮箱', kind: 'text', cell: (r) => r.email ?? '' },
  { header: '地址', kind: 'text', cell: (r) => r.address ?? '' },
  { header: '状态', kind: 'text', cell: (r) => STATUS_WORDS[r.status] },
];

/** `会员列表-2026-12-05.xlsx`: the store's date of the export. */
export function memberFileName(storeDate: string, extension: 'csv' | 'xlsx'): string {
  return `会员列表-${storeDate}.${extension}`;
}
