/** Strings of the background jobs' progress (the app bar's indicator, a page's progress bar); en mirrors zhCN. */
export const jobsZh = {
  // Nested as the kinds are dotted (tiers.reevaluate), so t(`jobs.kinds.${kind}`) finds them.
  kinds: {
    tiers: { reevaluate: '正在重新评定会员等级' },
    points: { expire: '正在处理到期积分' },
    reports: { summaries: '正在整理报表数据' },
  },
  percent: '{{label}} {{percent}}%',
  counting: '{{label}}…',
  doneOfTotal: '已完成 {{done}} / {{total}}',
  countingTotal: '正在统计数量…',
  left: {
    seconds: '约剩 {{n}} 秒',
    minutes: '约剩 {{n}} 分钟',
    hours: '约剩 {{n}} 小时',
    unknown: '正在估算剩余时间',
  },
  startedBy: '由 {{name}} 发起',
  listTitle: '正在后台进行的任务（不影响前台使用）',
};

export const jobsEn: typeof jobsZh = {
  kinds: {
    tiers: { reevaluate: 'Re-evaluating member tiers' },
    points: { expire: 'Expiring due points' },
    reports: { summaries: 'Preparing report figures' },
  },
  percent: '{{label}} {{percent}}%',
  counting: '{{label}}…',
  doneOfTotal: '{{done}} of {{total}} done',
  countingTotal: 'Counting…',
  left: {
    seconds: 'about {{n}} s left',
    minutes: 'about {{n}} min left',
    hours: 'about {{n}} h left',
    unknown: 'estimating time left',
  },
  startedBy: 'started by {{name}}',
  listTitle: 'Running in the background (the counter stays usable)',
};
