/** 删除会员（个人信息）: the member page's erase action, its dialog, and the page of an erased member. */
export const memberEraseZh = {
  action: '删除会员（个人信息）',
  title: '删除会员（个人信息）：{{name}}',
  erased:
    '抹去：姓名、手机号、卡号、生日、邮箱、地址、备注、标签和同意记录；并入该会员的重复登记一并删除；操作记录里的个人信息显示为“（已删除）”。',
  kept: '保留（用于账目，不含个人信息）：消费、退款、积分流水和积分批次，报表数字不变；回访和反馈保留条数，内容清除。',
  hq: '下次向总部导出时，总部也会删除这张卡的个人信息；恢复旧备份后会再次删除。此操作不能撤销。',
  reason: '原因（必填，例如：会员本人要求删除）',
  typeCard: '会员卡号',
  typeCardHint: '请输入该会员的卡号 {{cardNo}} 以确认',
  submit: '删除个人信息',
  done: '会员的个人信息已删除',
  banner: '已删除（个人信息已抹去）',
  bannerAt: '删除于 {{at}}。消费和积分记录保留用于账目，不含个人信息。',
  status: '已删除',
};

export const memberEraseEn: typeof memberEraseZh = {
  action: 'Erase member (personal data)',
  title: 'Erase member (personal data): {{name}}',
  erased:
    'Erased: name, phone, card number, birthday, email, address, notes, tags and consents; duplicates merged into this member too; personal values in the audit trail become "(erased)".',
  kept: 'Kept for the books, without personal data: sales, refunds, the points ledger and lots, so reports do not change; follow-ups and feedback are kept as counts, their text cleared.',
  hq: 'The next export to HQ erases this card at HQ too; restoring an older backup erases it again. This cannot be undone.',
  reason: 'Reason (required, e.g. the member asked to be erased)',
  typeCard: 'Card number',
  typeCardHint: 'Type the member’s card number {{cardNo}} to confirm',
  submit: 'Erase personal data',
  done: 'The member’s personal data was erased',
  banner: 'Erased (personal data removed)',
  bannerAt: 'Erased {{at}}. Sales and points stay for the books, without personal data.',
  status: 'Erased',
};
