/** Strings of the background jobs' progress (the app bar's indicator, a page's progress bar); en mirrors zhCN. */
export const jobsZh = {
  // Nested as the kinds are dotted (tiers.reevaluate), so t(`jobs.kinds.${kind}`) finds them.
  kinds: {
    tiers: { reevaluate: '正在重新评定会员等级', review: '正在复核会员等级' },
    points: { expire: '正在处理到期积分' },
    followups: { generate: '正在生成回访任务' },
    reports: { summaries: '正在整理报表数据' },
    import: { members: '正在导入会员', sales: '正在导入消费记录' },
    demo: { remove: '正在删除演示数据' },
  },
  // A step that reads apart from the kind's work: t(`jobs.steps.${kind}.${step}`).
  steps: {
    import: {
      members: { undo: '正在撤销会员导入', backup: '导入会员前正在备份' },
      sales: { undo: '正在撤销消费记录导入', backup: '导入消费记录前正在备份' },
    },
    demo: { remove: { backup: '删除演示数据前正在备份' } },
  },
  stepDetail: {
    undo: '正在删除这次导入已写入的内容，前台照常使用',
    backup: '先备份门店数据并校验，完成后才开始；前台照常使用',
  },
  percent: '{{label}} {{percent}}%',
  counting: '{{label}}…',
  doneOfTotal: '已完成 {{done}} / {{total}}',
  countingTotal: '正在统计数量…',
  waiting: '排队中：前一项后台任务完成后开始',
  left: {
    seconds: '约剩 {{n}} 秒',
    minutes: '约剩 {{n}} 分钟',
    hours: '约剩 {{n}} 小时',
    unknown: '正在估算剩余时间',
  },
  startedBy: '由 {{name}} 发起',
  listTitle: '正在后台进行的任务（不影响前台使用）',
  // What the job is, for a question or a notice about it (the kinds above say it is going on).
  names: {
    tiers: { reevaluate: '会员等级重新评定', review: '会员等级复核' },
    points: { expire: '到期积分处理' },
    followups: { generate: '回访任务生成' },
    reports: { summaries: '报表数据整理' },
    import: { members: '会员导入', sales: '消费记录导入' },
    demo: { remove: '删除演示数据' },
  },
  cancel: {
    button: '取消任务',
    title: '取消「{{name}}」？',
    message: '已经处理的部分会保留，其余的留到下一次处理。',
    confirm: '取消任务',
    done: '已取消「{{name}}」，已经处理的部分保留。',
    ended: '这项任务已经结束，无需取消。',
  },
};

export const jobsEn: typeof jobsZh = {
  kinds: {
    tiers: { reevaluate: 'Re-evaluating member tiers', review: 'Reviewing member tiers' },
    points: { expire: 'Expiring due points' },
    followups: { generate: 'Making follow-up tasks' },
    reports: { summaries: 'Preparing report figures' },
    import: { members: 'Importing members', sales: 'Importing sales history' },
    demo: { remove: 'Removing the demo data' },
  },
  steps: {
    import: {
      members: { undo: 'Undoing the member import', backup: 'Backing up before the member import' },
      sales: { undo: 'Undoing the sales history import', backup: 'Backing up before the sales import' },
    },
    demo: { remove: { backup: 'Backing up before removing the demo data' } },
  },
  stepDetail: {
    undo: 'Removing what this import wrote; the counter works as usual',
    backup: 'The store is backed up and checked first; the work starts after. The counter works as usual',
  },
  percent: '{{label}} {{percent}}%',
  counting: '{{label}}…',
  doneOfTotal: '{{done}} of {{total}} done',
  countingTotal: 'Counting…',
  waiting: 'Waiting: starts when the background job before it ends',
  left: {
    seconds: 'about {{n}} s left',
    minutes: 'about {{n}} min left',
    hours: 'about {{n}} h left',
    unknown: 'estimating time left',
  },
  startedBy: 'started by {{name}}',
  listTitle: 'Running in the background (the counter stays usable)',
  names: {
    tiers: { reevaluate: 'the tier re-evaluation', review: 'the tier review' },
    points: { expire: 'the points expiry' },
    followups: { generate: 'the follow-up task run' },
    reports: { summaries: 'the report figures build' },
    import: { members: 'the member import', sales: 'the sales history import' },
    demo: { remove: 'the demo data removal' },
  },
  cancel: {
    button: 'Cancel job',
    title: 'Cancel {{name}}?',
    message: 'What is done so far stays; the rest is left for the next run.',
    confirm: 'Cancel job',
    done: 'Cancelled {{name}}; what was done so far stays.',
    ended: 'This job has already ended: nothing to cancel.',
  },
};
