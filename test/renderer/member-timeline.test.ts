import { describe, expect, it } from 'vitest';
import type { TimelineItem } from '../../shared/contract/timeline';
import { isVoidedSale, timelineLine } from '../../renderer/features/followups/timelineLine';
import { translator } from './translator';

// The member page's 动态: a voided sale is marked as such (struck through with 已作废, as in the
// purchases table), and its void reads as a void of that sale.

const item = (over: Partial<TimelineItem>): TimelineItem => ({
  id: 'x',
  at: '2026-06-15T02:00:00.000Z',
  type: 'sale',
  amountFen: 8800,
  points: 88,
  kind: null,
  status: null,
  text: null,
  byName: '小李',
  ...over,
});

describe('MemberTimeline', () => {
  it('marks a voided sale and reads its void as a void, in both languages', async () => {
    const [zh, en] = [await translator('zh-CN'), await translator('en')];
    const sale = item({ status: 'voided' });
    const voiding = item({ type: 'void', points: -88, text: '重复录入' });
    expect([isVoidedSale(sale), isVoidedSale(item({})), isVoidedSale(voiding)]).toEqual([true, false, false]);
    expect([timelineLine(zh, sale), zh('timeline.voided'), timelineLine(zh, voiding)]).toEqual([
      '消费 ¥88.00 · +88 分',
      '已作废',
      '作废 ¥88.00 的消费 · -88 分',
    ]);
    expect([timelineLine(en, sale), en('timeline.voided'), timelineLine(en, voiding)]).toEqual([
      'Purchase ¥88.00 · +88 pts',
      'Voided',
      'Void of the ¥88.00 sale · -88 pts',
    ]);
  });
});
