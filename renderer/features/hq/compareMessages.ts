/** Strings of HQ's reading pages: branches compared, one person across branches, conflicts; en mirrors zh. */
export const compareZh = {
  chainTitle: '全连锁合计',
  noBranches: '这个期间还没有分店数据。合并分店交来的文件后再看。',
  chartAxis: '净销售额（元）',
  tables: { sales: '分店排名（按净销售额）：销售与会员', service: '分店排名（按净销售额）：积分、回访与投诉' },
  rank: '名次',
  rankHelp: '按本期净销售额从高到低；净销售额相同的分店名次相同',
  branch: '门店',
  chainRow: '全连锁',
  multiBranch: '本期在两家及以上门店消费的会员：{{count}} 人',
  chainCounts: '全连锁的会员数按各门店的会员卡计：同一个手机号在几家门店都是会员、都有消费，每家各计一次。',
  showMulti: '查看名单',
  multiTitle: '多店消费会员',
  multiColumns: { name: '姓名', phone: '手机号', branches: '消费门店', orders: '订单数', netSalesFen: '净消费', pointsBalance: '积分余额' },
};

export const peopleZh = {
  intro: '按手机号查询一个人在各门店的会员记录和合计。',
  phone: '手机号',
  phoneHelp: '完整的手机号，如 138 0013 8000',
  search: '查询',
  notFound: '总部没有这个手机号的会员。',
  branchesTitle: '各门店的会员卡',
  columns: { branch: '门店', cardNo: '卡号', name: '姓名', tier: '等级', orders: '订单数', netSalesFen: '净消费', pointsBalance: '积分余额', lastPurchaseAt: '最近消费', merged: '已并入他卡' },
  totalsTitle: '合计',
  orders: '订单数',
  netSales: '净消费',
  points: '积分余额',
  openConflicts: '这个人有 {{count}} 项资料冲突未处理',
  goConflicts: '去处理',
};

export const conflictsZh = {
  intro: '同一个人（同一手机号）在不同门店登记的资料不一致时列在这里。总部先显示最新修改的值；选定要保留的值后，这个人这一项的冲突全部关闭。',
  tabs: { open: '待处理', resolved: '已处理' },
  empty: { open: '没有待处理的冲突。', resolved: '还没有处理过冲突。' },
  columns: { person: '手机号', field: '资料项', current: '总部现值', value: '不同的值', source: '来自', keep: '保留哪个', resolvedValue: '保留的值', resolvedAt: '处理时间', resolvedBy: '处理人', change: '改选' },
  source: '{{branch}}（{{code}}）的会员「{{name}}」· 改于 {{at}}',
  keepCurrent: '保留现值',
  keepValue: '改用此值',
  empty_value: '（空）',
  resolved: '已处理 {{count}} 项冲突。选错了可以在「已处理」里改选。',
  changeTo: '改为保留此值',
  changed: '已改为保留「{{value}}」。',
  fields: { name: '姓名', gender: '性别', birthday: '生日', email: '邮箱', address: '地址' },
};

export const compareEn: typeof compareZh = {
  chainTitle: 'Chain totals',
  noBranches: 'No branch data for this period yet. Merge the files the branches sent, then look again.',
  chartAxis: 'Net sales (¥)',
  tables: { sales: 'Branches ranked by net sales: sales and members', service: 'Branches ranked by net sales: points, follow-ups and complaints' },
  rank: 'Rank',
  rankHelp: "By the period's net sales, highest first; branches with equal net sales share a place",
  branch: 'Branch',
  chainRow: 'Whole chain',
  multiBranch: 'People who bought at two or more branches in the period: {{count}}',
  chainCounts: 'The chain’s member counts add up the branches’ member cards: one phone that is a member and buys at several branches counts once at each.',
  showMulti: 'List them',
  multiTitle: 'People at several branches',
  multiColumns: { name: 'Name', phone: 'Phone', branches: 'Branches', orders: 'Orders', netSalesFen: 'Net sales', pointsBalance: 'Points balance' },
};

export const peopleEn: typeof peopleZh = {
  intro: "Look a person up by phone: their member records at each branch and the totals.",
  phone: 'Phone',
  phoneHelp: 'The whole number, e.g. 138 0013 8000',
  search: 'Look up',
  notFound: 'HQ has no member with this phone.',
  branchesTitle: 'Member cards by branch',
  columns: { branch: 'Branch', cardNo: 'Card', name: 'Name', tier: 'Tier', orders: 'Orders', netSalesFen: 'Net sales', pointsBalance: 'Points', lastPurchaseAt: 'Last purchase', merged: 'Merged into another card' },
  totalsTitle: 'Totals',
  orders: 'Orders',
  netSales: 'Net sales',
  points: 'Points balance',
  openConflicts: 'This person has {{count}} profile conflicts to resolve',
  goConflicts: 'Resolve',
};

export const conflictsEn: typeof conflictsZh = {
  intro: "When one person (one phone) is registered with different details at different branches, the differences are listed here. HQ shows the most recently changed value first; choosing the value to keep closes every conflict of that person on that field.",
  tabs: { open: 'Open', resolved: 'Resolved' },
  empty: { open: 'No open conflicts.', resolved: 'No conflicts resolved yet.' },
  columns: { person: 'Phone', field: 'Field', current: "HQ's value", value: 'Differing value', source: 'From', keep: 'Keep', resolvedValue: 'Kept', resolvedAt: 'Resolved', resolvedBy: 'By', change: 'Change' },
  source: '{{branch}} ({{code}}), member “{{name}}” · changed {{at}}',
  keepCurrent: "Keep HQ's",
  keepValue: 'Use this',
  empty_value: '(empty)',
  resolved: '{{count}} conflicts resolved. If that was the wrong choice, change it under Resolved.',
  changeTo: 'Keep this instead',
  changed: 'Now keeping “{{value}}”.',
  fields: { name: 'Name', gender: 'Gender', birthday: 'Birthday', email: 'Email', address: 'Address' },
};
