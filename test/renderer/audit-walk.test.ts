import { describe, expect, it } from 'vitest';
import { dispatchAsync, type CallMeta } from '../../services/core/dispatch';
import { runBackups } from '../../services/backup/run';
import { jobRunner } from '../../services/core/jobs/runner';
import type { AuditItem, AuditRefs } from '../../shared/contract/audit';
import type { MethodName, OutputOf } from '../../shared/contract/index';
import { setStoreZone } from '../../renderer/components/format';
import { auditTable, fieldChanges, rowValues } from '../../renderer/features/audit/auditText';
import type { TestApp } from '../helpers';
import { writeCases } from '../services/core/audit-cases';
import { extraTrails } from './audit-walk-extras';
import { translator } from './translator';
import { writtenActions } from './written-actions';

// The audit page over the rows the services really write: every write of the contract is made
// once (the cases of the every-write-is-audited check), with the jobs it queues run, plus the
// trails no single write makes (a clerk switch, a lock, an upgrade, an erasure…). Every row's
// 对象 and 改动, and each field of its detail dialog, must read in words in both languages: no
// raw time, no id, no JSON, no field left as the service named it.

const RAW: Array<[string, RegExp]> = [
  ['an ISO time', /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/],
  ['a UUID', /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/i],
  // the tests' ids (test/helpers.ts sequentialIds): id-00000012, hq-00000003…
  ['an id', /(^|[^A-Za-z0-9-])[a-z]{2,6}-\d{8}\b/],
  ['JSON', /[{}]|\["|\[\d|\[\]|":/],
  ['a code', /\b[a-z]+_[a-z_]+\b/],
  ['the erasure placeholder', /\[已删除\]|已删除-/],
];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every field name in a row's values, however deep. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [k, ...keysOf(v)]);
}

interface Trail {
  t: TestApp;
}

async function allRows(t: TestApp): Promise<{ items: AuditItem[]; refs: AuditRefs }> {
  const items: AuditItem[] = [];
  const refs: AuditRefs = { staff: {}, members: {}, tiers: {}, sales: {}, branches: {} };
  let after: string | undefined;
  do {
    const page = await dispatchAsync(t.app, { system: true }, 'audit.export', { limit: 5000, ...(after ? { after } : {}) });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    const result = page.result as OutputOf<'audit.export'>;
    items.push(...result.items);
    for (const key of Object.keys(refs) as Array<keyof AuditRefs>) Object.assign(refs[key], result.refs[key]);
    after = result.next ?? undefined;
  } while (after);
  return { items, refs };
}

/** Runs each write's case, its jobs too; answers the stores the rows were written in. */
async function writtenTrails(): Promise<Trail[]> {
  const trails: Trail[] = [];
  for (const [name, make] of Object.entries(writeCases)) {
    const call = await (make as () => Promise<{ t: TestApp; session?: string | null; system?: true; input: unknown }>)();
    const meta: CallMeta = call.system ? { system: true } : { session: call.session ?? null };
    const envelope = await dispatchAsync(call.t.app, meta, name as MethodName, call.input);
    if (!envelope.ok) throw new Error(`${name}: ${JSON.stringify(envelope.error)}`);
    // The backups a write asked for first (an import's, a demo removal's), as the side host takes them, then its jobs.
    runBackups(call.t.app);
    jobRunner(call.t.app).runToEnd();
    trails.push({ t: call.t });
  }
  for (const t of await extraTrails()) trails.push({ t });
  return trails;
}

describe('the audit page over the rows the services write', () => {
  it('says every row’s record and changes in words, in both languages', { timeout: 300_000 }, async () => {
    setStoreZone('Asia/Shanghai');
    const trails = await writtenTrails();
    const problems: string[] = [];
    const actions = new Set<string>();
    for (const lng of ['zh-CN', 'en'] as const) {
      const t = await translator(lng);
      for (const trail of trails) {
        const { items, refs } = await allRows(trail.t);
        const table = auditTable(t, lng, items, refs);
        for (const item of items) {
          actions.add(item.action);
          const cells = table.columns.filter((c) => c.key === 'record' || c.key === 'changes' || c.key === 'staff');
          const texts = cells.map((c) => String(c.value?.(item) ?? ''));
          const detail = fieldChanges({ t, locale: lng, refs }, rowValues(item)).flatMap((c) => [c.label, c.before, c.after]);
          // A field left as the service named it reads `lockedBy:` where a label starts: every key of the row's values is looked for.
          const keys = [...new Set([...keysOf(rowValues(item).before), ...keysOf(rowValues(item).after)])];
          const rawKey = keys.length ? new RegExp(`(^|; |· |, |，|；)(${keys.map(escape).join('|')}):`) : null;
          for (const text of [...texts, ...detail]) {
            for (const [what, pattern] of RAW) if (pattern.test(text)) problems.push(`${lng} ${item.action}: ${what} in «${text}»`);
            if (rawKey?.test(text)) problems.push(`${lng} ${item.action}: a field key in «${text}»`);
          }
        }
      }
    }
    expect([...new Set(problems)]).toEqual([]);
    // Every action the services write is reached but these, whose rows audit-values.test.ts reads
    // (a restore's, a refused HQ file's, an erasure applied again) or whose shape is tiers.upgrade's.
    expect(writtenActions().filter((a) => !actions.has(a))).toEqual([
      'backup.restored',
      'hq.mergeRefused',
      'members.eraseAgain',
      'tiers.reassess',
      'tiers.renew',
    ]);
  });
});
