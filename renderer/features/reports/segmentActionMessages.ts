/** Strings of a segment's actions: follow-ups for its members and the campaign list (docs/reports.md, Segment → action). */
export const segmentActionsZh = {
  followups: '为该分群创建回访',
  followupsTitle: '为“{{segment}}”创建回访',
  followupsIntro:
    '为该分群的 {{count}} 位会员中同意接收营销信息的会员各创建一条“手动”回访任务（统计截止 {{asOf}}）。当天已有待办手动回访的会员会跳过，重复提交不会重复创建。',
  followupsMarketing:
    '这是营销回访：按消费分群的回访属于营销，未同意接收营销信息的会员不会创建任务，只计入跳过人数。售后回访和投诉回访不是营销，由回访规则自动为每位会员创建。',
  dueDate: '回访日期',
  channel: '回访方式',
  note: '回访目的',
  noteHelp: '显示在回访队列中，例如“夏季新品到店邀约”',
  submit: '创建',
  created: '已创建 {{count}} 条',
  createdSkipped: '{{created}}，跳过 {{skipped}} 位：{{reasons}}',
  reasonSeparator: '，',
  skippedNoConsent: '未同意营销 {{count}} 位',
  skippedPlanned: '当天已有待办 {{count}} 位',
  skippedInactive: '会员已停用 {{count}} 位',
  campaign: '导出营销名单',
  campaignTitle: '{{segment}}：营销名单',
  campaignLoading: '正在生成名单…',
  campaignCount: '名单 {{count}} 人：分群 {{members}} 人中，未授权营销的 {{excluded}} 人已排除',
  campaignInactive: '已停用的 {{count}} 人也已排除。',
  campaignEmpty: '该分群没有同意接收营销信息的会员，没有可导出的名单。',
  campaignHelp: '名单只含姓名、卡号、手机号、等级、分群和 R/F/M，用于短信或微信群发；请妥善保管，用后删除。',
  close: '关闭',
};

export const segmentActionsEn: typeof segmentActionsZh = {
  followups: 'Create follow-ups for this segment',
  followupsTitle: 'Follow-ups for “{{segment}}”',
  followupsIntro:
    'One manual follow-up for each member, of the {{count}} in this segment (as of {{asOf}}), who agreed to marketing. Members who already have a planned manual follow-up that day are skipped, so submitting twice creates nothing twice.',
  followupsMarketing:
    'These are marketing calls: a call to a segment picked by its spending is marketing, so members who did not agree to marketing get no task and are counted as skipped. After-sale and complaint calls are not marketing; the follow-up rules make them for every member.',
  dueDate: 'Due date',
  channel: 'Channel',
  note: 'Purpose',
  noteHelp: 'Shown in the follow-up queue, e.g. “Invite to see the summer range”',
  submit: 'Create',
  created: 'Created {{count}}',
  createdSkipped: '{{created}}, skipped {{skipped}}: {{reasons}}',
  reasonSeparator: ', ',
  skippedNoConsent: '{{count}} without marketing consent',
  skippedPlanned: '{{count}} already planned that day',
  skippedInactive: '{{count}} deactivated',
  campaign: 'Export campaign list',
  campaignTitle: '{{segment}}: campaign list',
  campaignLoading: 'Preparing the list…',
  campaignCount: "{{count}} on the list: of the segment's {{members}}, {{excluded}} without marketing consent are left out",
  campaignInactive: '{{count}} deactivated members left out as well.',
  campaignEmpty: 'No member of this segment agreed to marketing: there is nothing to export.',
  campaignHelp:
    'The list holds name, card, phone, tier, segment and R/F/M only, for an SMS or WeChat campaign; keep it safe and delete it after use.',
  close: 'Close',
};
