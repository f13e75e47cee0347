import Database from 'better-sqlite3';
import { openDatabase } from '../../db/connection';
import { SEARCH_SQL } from '../../db/queries/members/members';
import { createApp } from '../../services/core/context';
import { call, dispatch } from '../../services/core/dispatch';
import { phoneTailKey } from '../../shared/phone';
import { prefixUpperBound } from '../../shared/text';
import { prng } from '../../services/demo/members';
import { percentile, timePair, us } from './common';

// Times each counter search kind through the service layer (dispatch: session, role,
// validation, search logic) and the same principal SQL as raw better-sqlite3 on the same file.

export function benchSearch(path: string, samples: number): void {
  const db = openDatabase(path);
  // The production path: outputs are not re-checked against their schemas (see AppOptions).
  const app = createApp(db, { checkOutputs: false });
  // A clerk, as at the counter (masked phones: the heaviest output path).
  const admin = call(app, {}, 'auth.login', { name: 'admin', pin: '0000' }).session;
  const clerkName = 'bench-clerk';
  if (!dispatch(app, { session: admin }, 'staff.list', {}).ok) throw new Error('admin login failed');
  dispatch(app, { session: admin }, 'staff.create', { name: clerkName, role: 'clerk', pin: '0000' });
  const clerk = call(app, {}, 'auth.login', { name: clerkName, pin: '0000' }).session;

  interface Sample {
    id: string;
    card_no: string;
    name: string;
    phone: string;
    py_initials: string;
    tag: string | null;
  }
  const total = (db.prepare('SELECT MAX(rowid) AS n FROM members').get() as { n: number }).n;
  const rand = prng(7);
  const pickRow = db.prepare<[number], Sample>(
    'SELECT id, card_no, name, phone, py_initials, (SELECT MIN(tag) FROM member_tags WHERE member_id = members.id) AS tag FROM members WHERE rowid >= ? LIMIT 1',
  );
  const rows: Sample[] = Array.from({ length: samples }, () => pickRow.get(1 + Math.floor(rand() * total))!);

  const raw = new Database(path, { readonly: true });
  const rawStmt = Object.fromEntries(Object.entries(SEARCH_SQL).map(([k, sql]) => [k, raw.prepare(sql)])) as Record<
    keyof typeof SEARCH_SQL,
    Database.Statement
  >;

  interface Kind {
    name: string;
    typed: (r: Sample) => string;
    rawQuery: (r: Sample) => unknown;
  }
  const national = (p: string) => p.replace(/^\+86/, '');
  const kinds: Kind[] = [
    { name: 'exact phone', typed: (r) => national(r.phone), rawQuery: (r) => rawStmt.phone.get(r.phone) },
    {
      name: 'phone tail (4)',
      typed: (r) => r.phone.slice(-4),
      rawQuery: (r) => {
        const key = phoneTailKey(r.phone.slice(-4));
        return rawStmt.phoneTail.all(key, prefixUpperBound(key), 20);
      },
    },
    { name: 'card number', typed: (r) => r.card_no, rawQuery: (r) => rawStmt.card.get(r.card_no) },
    {
      name: 'name prefix',
      typed: (r) => r.name.slice(0, 2),
      rawQuery: (r) => rawStmt.name.all(r.name.slice(0, 2), prefixUpperBound(r.name.slice(0, 2)), 20),
    },
    {
      name: 'pinyin initials',
      typed: (r) => r.py_initials,
      rawQuery: (r) => rawStmt.pinyinInitials.all(r.py_initials, prefixUpperBound(r.py_initials), 20),
    },
  ];

  // A name's middle is looked for only when nothing starts with the text: members whose given
  // name starts nobody's name (晓燕 of 陈晓燕, where no 晓… is registered).
  const middle = (r: Sample) => r.name.slice(r.name.length > 2 ? r.name.length - 2 : 1);
  const startsNobody = (r: Sample) => middle(r).length >= 2 && rawStmt.name.all(middle(r), prefixUpperBound(middle(r)), 1).length === 0;
  const middleRows = rows.filter(startsNobody);
  const tagged = rows.filter((r) => r.tag !== null);
  const reversed = (digits: string) => digits.split('').reverse().join('');
  const later: Array<Kind & { rows: Sample[] }> = [
    {
      name: 'card tail (6)',
      rows,
      typed: (r) => r.card_no.slice(-6),
      rawQuery: (r) => rawStmt.cardTail.all(reversed(r.card_no.slice(-6)), prefixUpperBound(reversed(r.card_no.slice(-6))), 20),
    },
    {
      name: 'name middle',
      rows: middleRows,
      typed: middle,
      rawQuery: (r) => rawStmt.nameMiddle.all(middle(r), prefixUpperBound(middle(r)), middle(r), 20),
    },
    { name: 'tag', rows: tagged, typed: (r) => r.tag!, rawQuery: (r) => rawStmt.tag.all(r.tag!, 20) },
  ];

  console.log(`\nCounter search on ${total.toLocaleString('en')} members, ${samples} samples each (µs)`);
  console.log('kind              service p50  service p95   raw p50   raw p95  ratio p50  ratio p95  goal');
  for (const kind of [...kinds.map((k) => ({ ...k, rows })), ...later]) {
    const [service, rawTimes] = timePair(
      kind.rows,
      (r) => {
        const env = dispatch(app, { session: clerk }, 'members.search', { q: kind.typed(r) });
        if (!env.ok || (env.result as { items: unknown[] }).items.length === 0)
          throw new Error(`${kind.name}: no hit for ${kind.typed(r)}`);
      },
      kind.rawQuery,
    );
    const [sp50, sp95, rp50, rp95] = [percentile(service, 50), percentile(service, 95), percentile(rawTimes, 50), percentile(rawTimes, 95)];
    const ok = sp95 <= 2000 && rp50 / sp50 >= 0.5 ? 'met' : 'MISSED';
    const n = kind.rows.length === rows.length ? '' : ` (${kind.rows.length} samples)`;
    console.log(
      `${(kind.name + n).padEnd(16)} ${us(sp50)}     ${us(sp95)}  ${us(rp50)}  ${us(rp95)}   ${(rp50 / sp50).toFixed(2).padStart(6)}     ${(rp95 / sp95).toFixed(2).padStart(6)}  ${ok}`,
    );
  }
  console.log('goal: service p95 ≤ 2000 µs and raw/service ≥ 0.5');
  raw.close();
  db.close();
}
