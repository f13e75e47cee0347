import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { en } from '../../renderer/i18n/en';
import { JOB_KINDS, type Job } from '../../shared/contract/jobs';
import { jobDetail, jobIsOpen, jobLabel, jobName, jobPercent, mayCancelJob, timeLeft } from '../../renderer/features/jobs/jobText';

const job = (patch: Partial<Job>): Job => ({
  id: 'j1',
  kind: 'tiers.reevaluate',
  state: 'running',
  done: 370,
  total: 1000,
  etaSeconds: 5,
  step: null,
  cancellable: false,
  result: {},
  error: null,
  startedBy: { id: 's1', name: '王店长' },
  createdAt: '2026-12-05T02:00:00.000Z',
  startedAt: '2026-12-05T02:00:00.000Z',
  updatedAt: '2026-12-05T02:00:03.000Z',
  finishedAt: null,
  supersededBy: null,
  ...patch,
});

async function translator(lng: 'zh-CN' | 'en') {
  const instance = i18n.createInstance();
  await instance.init({
    lng,
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    interpolation: { escapeValue: false },
  });
  return instance.t;
}

describe('a job as the screen shows it', () => {
  it('is open while queued or running only', () => {
    expect(['queued', 'running', 'done', 'failed', 'cancelled'].map((state) => jobIsOpen({ state: state as Job['state'] }))).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('counts whole percents, 100 only once done, none before the total is counted', () => {
    expect(jobPercent(job({}))).toBe(37);
    expect(jobPercent(job({ done: 999 }))).toBe(99);
    expect(jobPercent(job({ done: 1000 }))).toBe(99);
    expect(jobPercent(job({ state: 'done', done: 1000 }))).toBe(100);
    expect(jobPercent(job({ total: null, done: 0 }))).toBeNull();
    expect(jobPercent(job({ total: 0, done: 0 }))).toBe(0);
  });

  it('says the time left in seconds, then minutes, then hours, rounded up', () => {
    expect(timeLeft(null)).toEqual({ key: 'unknown', n: 0 });
    expect(timeLeft(0)).toEqual({ key: 'seconds', n: 1 });
    expect(timeLeft(59)).toEqual({ key: 'seconds', n: 59 });
    expect(timeLeft(61)).toEqual({ key: 'minutes', n: 2 });
    expect(timeLeft(3600)).toEqual({ key: 'hours', n: 1 });
    expect(timeLeft(3601)).toEqual({ key: 'hours', n: 2 });
  });

  it('reads in the store’s words in both languages', async () => {
    const zh = await translator('zh-CN');
    expect(jobLabel(zh, job({}))).toBe('正在重新评定会员等级 37%');
    expect(jobDetail(zh, job({ done: 3700, total: 10000, etaSeconds: 90 }))).toBe('已完成 3,700 / 10,000 · 约剩 2 分钟');
    expect(jobLabel(zh, job({ kind: 'points.expire', total: null }))).toBe('正在处理到期积分…');
    expect(jobDetail(zh, job({ total: null, etaSeconds: null }))).toBe('正在统计数量… · 正在估算剩余时间');
    const english = await translator('en');
    expect(jobLabel(english, job({}))).toBe('Re-evaluating member tiers 37%');
    expect(jobDetail(english, job({}))).toBe('370 of 1,000 done · about 5 s left');
  });

  it('says an import being undone is undone, without the import’s percentage', async () => {
    const undoing = job({ kind: 'import.members', step: 'undo', done: 600, total: 1000, etaSeconds: null });
    const zh = await translator('zh-CN');
    expect(jobLabel(zh, undoing)).toBe('正在撤销会员导入…');
    expect(jobDetail(zh, undoing)).toBe('正在删除这次导入已写入的内容，前台照常使用');
    expect(jobLabel(await translator('en'), { ...undoing, kind: 'import.sales' })).toBe('Undoing the sales history import…');
    expect(jobLabel(zh, job({ kind: 'import.members', step: null, done: 600 }))).toBe('正在导入会员 60%');
  });

  it('says a queued job waits for the one before it, not that it is counting (one job runs at a time)', async () => {
    const queued = job({ state: 'queued', done: 0, total: null, etaSeconds: null });
    expect(jobDetail(await translator('zh-CN'), queued)).toBe('排队中：前一项后台任务完成后开始');
    expect(jobDetail(await translator('en'), queued)).toBe('Waiting: starts when the background job before it ends');
  });

  it('names every kind in both languages, as going on and as a thing to cancel', async () => {
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      for (const kind of JOB_KINDS) {
        expect(t(`jobs.kinds.${kind}`), `${lng} ${kind}`).not.toBe(`jobs.kinds.${kind}`);
        expect(jobName(t, { kind }), `${lng} ${kind}`).not.toBe(`jobs.names.${kind}`);
      }
    }
    const zh = await translator('zh-CN');
    expect(zh('jobs.cancel.title', { name: jobName(zh, { kind: 'points.expire' }) })).toBe('取消「到期积分处理」？');
    expect(jobLabel(zh, job({ kind: 'tiers.review' }))).toBe('正在复核会员等级 37%');
    const english = await translator('en');
    expect(english('jobs.cancel.done', { name: jobName(english, { kind: 'points.expire' }) })).toBe(
      'Cancelled the points expiry; what was done so far stays.',
    );
  });
});

describe('who may cancel a job (as jobs.cancel decides)', () => {
  const clerk = { id: 's2', role: 'clerk' as const };
  const manager = { id: 's3', role: 'manager' as const };
  it('a manager, or whoever started it, and only a kind that can stop half-way', () => {
    const expiry = job({ kind: 'points.expire', cancellable: true, startedBy: null });
    expect(mayCancelJob(expiry, manager)).toBe(true);
    expect(mayCancelJob(expiry, { id: 's1', role: 'admin' })).toBe(true);
    expect(mayCancelJob(expiry, clerk)).toBe(false);
    expect(mayCancelJob({ ...expiry, startedBy: { id: 's2', name: '小李' } }, clerk)).toBe(true);
    expect(mayCancelJob(job({ cancellable: false }), manager)).toBe(false);
  });
});
