/** 设置 → 演示数据 (admin): removing the first run's demo data; en mirrors zh. */
export const demoZh = {
  // The first run's checkbox, left unticked: a store setting up for real gets no made-up members unasked.
  setupOption: '载入演示数据（只为试用）',
  setupHelp: '300 位虚构的会员和他们一年的消费记录，用来熟悉软件。正式开店请不要勾选；载入后也可以在「设置」中删除。',
  title: '演示数据',
  intro: '这家店载入过演示数据：{{members}} 位虚构的会员和他们一年的消费记录，供试用。开始正式使用前，可以把它们删除。',
  remove: '删除演示数据',
  confirmTitle: '删除演示数据？',
  goes: '将删除：{{members}} 位演示会员，以及记在他们名下的一切：{{sales}} 笔消费、{{pointsEntries}} 条积分记录、{{followups}} 条回访任务、{{feedback}} 条投诉与建议、{{consents}} 条同意记录。',
  counterSales: '其中 {{count}} 笔消费是载入演示数据之后在前台记在演示会员名下的，也会一起删除。',
  kept: '有 {{count}} 位演示会员已与门店自己的会员合并，他们保留，不删除。',
  stays: '保留：员工、设置、积分与等级规则、门店自己登记或导入的会员及其全部记录、审计日志、以往的备份。',
  backupFirst: '删除前会先备份门店数据并校验；删除在后台进行，前台照常使用。删除后报表数据会重新整理。',
  confirm: '删除演示数据',
  done: '演示数据已删除。',
  refusals: {
    sent_to_hq: '这家店已经为总部导出过文件，演示会员也已到了总部，不能再在这里删除。',
  },
  failed: '删除演示数据没有完成，门店数据没有改动：{{error}}',
  backupFailed: '备份失败，没有删除任何数据。请先在「备份」中查看原因。',
};

export const demoEn: typeof demoZh = {
  setupOption: 'Load demo data (only to try the app)',
  setupHelp:
    '300 made-up members and a year of their sales, to get to know the app. Leave it unticked for a real store; it can also be removed later in Settings.',
  title: 'Demo data',
  intro:
    'This store loaded demo data: {{members}} made-up members and a year of their sales, to try the app with. Remove them before the store starts for real.',
  remove: 'Remove demo data',
  confirmTitle: 'Remove the demo data?',
  goes: 'Removed: {{members}} demo members and everything recorded on them: {{sales}} sales, {{pointsEntries}} points entries, {{followups}} follow-up tasks, {{feedback}} complaints and suggestions, {{consents}} consent records.',
  counterSales:
    'Of those sales, {{count}} were recorded at the counter on demo members after the demo data was loaded; they are removed too.',
  kept: '{{count}} demo members were merged with members of the store’s own; they stay.',
  stays:
    'Kept: staff, settings, points and tier rules, the members the store registered or imported and all their records, the audit trail, earlier backups.',
  backupFirst:
    'The store is backed up and checked first; the removal runs in the background while the counter works as usual. The report figures are prepared again after.',
  confirm: 'Remove demo data',
  done: 'The demo data was removed.',
  refusals: {
    sent_to_hq: 'This store has made an export file for HQ: the demo members are at HQ too and can no longer be removed here.',
  },
  failed: 'The demo data was not removed and nothing changed: {{error}}',
  backupFailed: 'The backup failed, so nothing was removed. See why under Backups.',
};

/** The refusals of demo.remove (CONFLICT details.reason), spread into `errors`. */
export const demoErrorsZh = {
  CONFLICT_sent_to_hq: demoZh.refusals.sent_to_hq,
  CONFLICT_no_demo_data: '没有可删除的演示数据。',
};

export const demoErrorsEn: typeof demoErrorsZh = {
  CONFLICT_sent_to_hq: demoEn.refusals.sent_to_hq,
  CONFLICT_no_demo_data: 'There is no demo data to remove.',
};
