/**
 * The counter's checks on a sale: what a bill part-paid with points leaves to collect, the
 * "possible duplicate" question, and voiding (作废) a mistaken sale on the member page.
 * 应收 / 抵扣 / 实付 are the till's own words for the bill, the points' value and what to collect.
 */
export const saleZh = {
  split: {
    bill: '应收',
    points: '积分抵扣 {{points}} 分',
    pay: '实付',
    notEnough: '可用积分只有 {{available}} 分',
    overBill: '积分抵扣不能超过应收金额',
  },
  recordedSplit: '已记录消费：应收 {{bill}}，积分抵扣 {{points}} 分（{{value}}），实付 {{paid}}，获得 {{earned}} 分。',
  duplicate: {
    title: '可能重复',
    body: '{{time}} 已为这位会员记录过一笔 {{amount}} 的消费。',
    by: '录入人：{{name}}。',
    receipt: '小票号 {{receiptNo}}。',
    ask: '这是另一笔消费吗？',
    record: '仍然记录',
    cancel: '不记录',
  },
  void: {
    action: '作废',
    title: '作废这笔消费？',
    sale: '应收 {{bill}} · 实付 {{paid}} · {{time}}',
    earned: '这笔消费获得的 {{points}} 分将扣回（已用掉的记为差额）。',
    redeemed: '抵扣用掉的 {{points}} 分将退回。',
    effect: '作废后这笔消费不计入订单、销售额和会员的消费记录，如同没有发生。只能在消费当天作废，作废后不能撤销。',
    tier: '如果会员因这笔消费升级，等级和复核日期恢复到消费前（其余消费仍够升级的除外）。',
    reason: '作废原因（必填）',
    done: '已作废消费 {{amount}}：扣回 {{reversed}} 分。',
    restored: '退回抵扣的 {{restored}} 分。',
    shortfall: '有 {{shortfall}} 分已被使用，无法扣回，已记录为差额。',
    tierBack: '会员等级由{{from}}恢复为{{to}}。',
    kind: '作废',
    voided: '已作废',
    ofSale: '作废 {{time}} 的消费',
  },
  refund: {
    billPart: '账单部分 {{amount}}',
    pointsBack: '退回 {{points}} 分',
  },
  ledgerVoid: '作废冲回',
};

export const saleEn: typeof saleZh = {
  split: {
    bill: 'Bill',
    points: '{{points}} points',
    pay: 'To collect',
    notEnough: 'Only {{available}} points available',
    overBill: 'Points cannot pay more than the bill',
  },
  recordedSplit: 'Recorded: bill {{bill}}, {{points}} points ({{value}}), paid {{paid}}, earned {{earned}} points.',
  duplicate: {
    title: 'Possible duplicate',
    body: 'A sale of {{amount}} was recorded for this member at {{time}}.',
    by: 'Recorded by {{name}}.',
    receipt: 'Receipt no. {{receiptNo}}.',
    ask: 'Is this another purchase?',
    record: 'Record anyway',
    cancel: 'Do not record',
  },
  void: {
    action: 'Void',
    title: 'Void this sale?',
    sale: 'Bill {{bill}} · paid {{paid}} · {{time}}',
    earned: 'The {{points}} points it earned are taken back (any already spent are recorded as a shortfall).',
    redeemed: 'The {{points}} points used on the bill are returned.',
    effect:
      'A voided sale counts in no orders, sales or member history, as if it never happened. Only on the day of the sale; it cannot be undone.',
    tier: 'If this sale upgraded the member, their tier and review date go back to what they were before it (unless their other spend still qualifies).',
    reason: 'Why (required)',
    done: 'Voided the sale of {{amount}}: {{reversed}} points taken back.',
    restored: '{{restored}} points used on the bill returned.',
    shortfall: '{{shortfall}} points were already spent and could not be taken back; recorded as a shortfall.',
    tierBack: 'Tier back from {{from}} to {{to}}.',
    kind: 'Void',
    voided: 'Voided',
    ofSale: 'Voids the sale of {{time}}',
  },
  refund: {
    billPart: 'Bill part {{amount}}',
    pointsBack: '{{points}} points back',
  },
  ledgerVoid: 'Void reversal',
};
