import { describe, expect, it } from 'vitest';
import { NOTICE_TEXT_MAX } from '../../../shared/contract/consent';
import { auditRows, memberInput, snapshot } from '../fixtures';
import { counter, refused } from '../points-fixtures';

// The privacy notice per language (docs/privacy.md): every version has its Chinese text, and may
// have an English one; the version covers both, so a consent names the version only.

describe('the notice in two languages', () => {
  it('ships version 1 with both texts, dated the day its text was written, the same on every store', () => {
    const c = counter();
    const first = c.t.call('privacy.notice', {}, c.clerk);
    expect(first).toMatchObject({ version: 1, createdAt: '2026-12-06T00:00:00.000Z', createdByName: null, shipped: true });
    expect(first.text).toContain('营销信息');
    expect(first.textEn).toContain('Marketing: only if you tick a separate box');
    expect(first.textEn).toContain("this store's computer");
    // The two texts say the same things, paragraph for paragraph.
    expect(first.textEn?.split('\n\n')).toHaveLength(first.text.split('\n\n').length);
    const otherStore = counter();
    expect(otherStore.t.call('privacy.notice', {}, otherStore.clerk)).toEqual(first);
  });

  it('saves a change to either text as the next version, and the same texts again as nothing', () => {
    const c = counter();
    const first = c.t.call('privacy.notice', {}, c.clerk);
    const before = snapshot(c.t.db);
    expect(c.t.call('privacy.saveNotice', { text: first.text, textEn: ` ${first.textEn ?? ''} ` }, c.admin).created).toBe(false);
    expect(snapshot(c.t.db)).toEqual(before);

    c.advance(60_000);
    const second = c.t.call('privacy.saveNotice', { text: first.text, textEn: 'Privacy notice, version two.' }, c.admin);
    expect(second).toEqual({
      notice: {
        version: 2,
        text: first.text,
        textEn: 'Privacy notice, version two.',
        createdAt: '2026-06-15T02:01:00.000Z',
        createdByName: '王店长',
        shipped: false,
      },
      created: true,
    });
    expect(auditRows(c.t.db, 'privacy.saveNotice').map((r) => JSON.parse(r.after_json ?? 'null') as unknown)).toEqual([
      { version: 2, text: first.text, text_en: 'Privacy notice, version two.' },
    ]);
    // No English text sent with the same Chinese: nothing changes (a caller that knows only the Chinese).
    expect(c.t.call('privacy.saveNotice', { text: first.text }, c.admin)).toMatchObject({ notice: { version: 2 }, created: false });
    // A changed Chinese text without an English one drops the English, which translated the old text;
    // a blank English text is none.
    expect(c.t.call('privacy.saveNotice', { text: '第三版告知' }, c.admin).notice).toMatchObject({ version: 3, textEn: null });
    const fourth = c.t.call('privacy.saveNotice', { text: '第四版告知', textEn: 'Fourth' }, c.admin).notice;
    expect(c.t.call('privacy.saveNotice', { text: fourth.text, textEn: '   ' }, c.admin).notice).toMatchObject({
      version: 5,
      textEn: null,
    });
    // Earlier versions keep their texts.
    expect(c.t.call('privacy.notices', {}, c.admin).items.map((n) => [n.version, n.textEn])).toEqual([
      [5, null],
      [4, 'Fourth'],
      [3, null],
      [2, 'Privacy notice, version two.'],
      [1, first.textEn],
    ]);
  });

  it('refuses an English text over the limit, and nothing is written', () => {
    const c = counter();
    const before = snapshot(c.t.db);
    refused(c.t, 'privacy.saveNotice', { text: '告知', textEn: 'x'.repeat(NOTICE_TEXT_MAX + 1) }, c.admin, 'VALIDATION');
    expect(snapshot(c.t.db)).toEqual(before);
  });

  it("records a consent under the version, whichever text the customer read, and the member's data file holds both texts", () => {
    const c = counter();
    c.t.call('privacy.saveNotice', { text: '第二版告知', textEn: 'Notice, version two' }, c.admin);
    const m = c.t.call('members.create', memberInput('Anna Schmidt', '13800000001', { consentMarketing: true, noticeVersion: 2 }), c.clerk);
    expect(c.t.call('members.consents', { memberId: m.id }, c.clerk).items.map((e) => [e.kind, e.noticeVersion])).toEqual([
      ['data', 2],
      ['marketing', 2],
    ]);
    const data = c.t.call('members.exportData', { memberId: m.id }, c.admin);
    expect(data.notices.map((n) => [n.version, n.text, n.textEn, n.shipped])).toEqual([[2, '第二版告知', 'Notice, version two', false]]);
  });
});
