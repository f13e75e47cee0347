/** HQ's person page: each branch's card with its consent history and the notices it names (docs/hq.md "Consent history"). */
export const cardConsentsZh = {
  title: '同意记录',
  intro: '各门店记录的同意和撤回，连同当时的隐私告知版本（每家门店的告知各自编号）。总部只保存门店上报的记录，不能修改。',
  card: '{{branch}}（{{code}}）· 卡号 {{cardNo}}',
  none: '总部还没有这张卡的同意记录：门店升级后的下一次导出会补上。',
  noticeTitle: '{{branch}}的隐私告知',
  savedAt: '门店于 {{at}} 保存',
};

export const cardConsentsEn: typeof cardConsentsZh = {
  title: 'Consents',
  intro:
    'Consents given and withdrawn at each branch, with the version of the privacy notice in force (each branch numbers its own notices). HQ keeps what the branches sent and cannot change it.',
  card: '{{branch}} ({{code}}) · card {{cardNo}}',
  none: "HQ has no consents of this card yet: the branch's next export after its update brings them.",
  noticeTitle: 'Privacy notice of {{branch}}',
  savedAt: 'Saved at the branch {{at}}',
};
