import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { v7 as uuidv7 } from 'uuid';
import { openDatabase, type DB } from '../../db/connection';
import { branchQueries } from '../../db/queries/core/branch';
import { INSERT_MEMBER_SQL, INSERT_TAG_SQL } from '../../db/queries/members/members';
import { phoneTailKey } from '../../shared/phone';
import { createApp } from '../../services/core/context';
import { call } from '../../services/core/dispatch';
import { prng } from '../../services/demo/members';
import { cardNumber } from '../../services/members/new-member';
import { editedAtSecondBranch, idMaker, person, personOf } from './hq-people';
import { insertActivity, type MemberSlot, type Staff } from './hq-activity';

// One generated branch of the HQ bench: set up through setup.init like a real branch, then its
// members and sales written straight to the tables (foreign keys checked once at the end, not
// per row). Run as a child process so two branches generate at once on two cores:
// `tsx scripts/bench/hq-generate.ts --db F --index 0 --chain BD-… --members N --purchases P`

export interface BranchSpec {
  path: string;
  /** 0-based; the code is B01, B02… */
  index: number;
  chainCode: string;
  members: number;
  /** sales; refunds come on top of them */
  purchases: number;
  now: string;
}

export const branchCode = (index: number) => `B${String(index + 1).padStart(2, '0')}`;

export function generateBranch(spec: BranchSpec): Record<string, number> {
  const db = openDatabase(spec.path);
  try {
    const app = createApp(db, { checkOutputs: false });
    const code = branchCode(spec.index);
    call(app, { system: true }, 'setup.init', {
      branchName: `${code} 分店`,
      branchCode: code,
      adminName: 'admin',
      adminPin: '0000',
      kind: 'branch',
      chainCode: spec.chainCode,
    });
    // A file nobody else has open, made again from scratch if this fails: no journal, no sync,
    // and foreign keys checked once at the end.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = OFF');
    db.pragma('cache_size = -262144');
    const branchId = branchQueries(db).self()!.id;
    const staff = addStaff(db, branchId, spec.now);
    const idAt = idMaker(spec.index, prng(spec.index + 99));
    const members = insertMembers(db, spec, branchId, staff, idAt);
    // Sales and ledger rows go in faster without their plain indexes, built afterwards by sorting.
    const indexes = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('purchases', 'points_ledger') AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
      )
      .all() as Array<{ name: string; sql: string }>;
    for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
    const counts = insertActivity(db, {
      branchId,
      staff,
      members,
      sales: spec.purchases,
      now: Date.parse(spec.now),
      seed: spec.index + 1,
      idAt,
    });
    for (const index of indexes) db.exec(index.sql);
    const broken = db.pragma('foreign_key_check') as Array<{ table: string }>;
    if (broken.length > 0) throw new Error(`${code}: ${broken.length} broken references (first in ${broken[0].table})`);
    db.pragma('journal_mode = WAL');
    return { members: members.length, ...counts };
  } finally {
    db.close();
  }
}

/** A manager and three clerks beside setup's admin (the same PIN hash: scrypt is slow on purpose). */
function addStaff(db: DB, branchId: string, now: string): Staff {
  const admin = db.prepare("SELECT id, pin_hash FROM staff WHERE role = 'admin'").get() as { id: string; pin_hash: string };
  const insert = db.prepare('INSERT INTO staff (id, branch_id, name, role, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const clerks: string[] = [];
  db.transaction(() => {
    insert.run(uuidv7(), branchId, '店长', 'manager', admin.pin_hash, now, now);
    for (const name of ['店员甲', '店员乙', '店员丙']) {
      const id = uuidv7();
      insert.run(id, branchId, name, 'clerk', admin.pin_hash, now, now);
      clerks.push(id);
    }
  })();
  return { admin: admin.id, clerks };
}

const TAGS = ['VIP', '宝妈', '学生', '上班族', '老顾客', '团购', '健身', '美妆'];
/** Members by tier rank (0 = lowest, kept as NULL like the app does). */
const TIER_SHARES = [0.6, 0.85, 0.97, 1];
const DAY = 86_400_000;

function insertMembers(db: DB, spec: BranchSpec, branchId: string, staff: Staff, idAt: (ms: number) => string): MemberSlot[] {
  const rand = prng(1000 + spec.index);
  const nowMs = Date.parse(spec.now);
  const tiers = db.prepare('SELECT id FROM tiers WHERE branch_id IS NULL AND retired_at IS NULL ORDER BY rank').pluck().all() as string[];
  const insert = db.prepare(INSERT_MEMBER_SQL);
  const addTag = db.prepare(INSERT_TAG_SQL);
  const setTier = db.prepare('UPDATE members SET tier_id = ?, tier_since = ?, tier_review_at = ? WHERE id = ?');
  const code = branchCode(spec.index);
  const slots: MemberSlot[] = [];
  db.transaction(() => {
    branchQueries(db).nextNumber('card_no', spec.members);
    for (let k = 0; k < spec.members; k++) {
      const who = personOf(spec.index, k, spec.members);
      const p = who.shared ? editedAtSecondBranch(person(who.n), rand) : person(who.n);
      const created = nowMs - Math.floor(rand() * 3 * 365 * DAY);
      const createdAt = new Date(created).toISOString();
      const edited = rand() < 0.1;
      const updatedAt = edited ? new Date(created + Math.floor(rand() * (nowMs - created))).toISOString() : createdAt;
      const marketing = rand() < 0.6;
      const clerk = staff.clerks[k % staff.clerks.length];
      const id = idAt(created);
      insert.run({
        id,
        branch_id: branchId,
        home_branch_id: branchId,
        card_no: cardNumber(code, k + 1),
        name: p.name,
        py_initials: p.py.initials,
        py_full: p.py.full,
        phone: p.phone,
        phone_rev: phoneTailKey(p.phone),
        gender: p.gender,
        birthday: p.birthday,
        email: p.email,
        address: p.address,
        notes: null,
        consent_data_at: createdAt,
        consent_data_by: clerk,
        consent_marketing: marketing ? 1 : 0,
        consent_marketing_at: marketing ? createdAt : null,
        consent_marketing_by: marketing ? clerk : null,
        status: rand() < 0.02 ? 'inactive' : 'active',
        created_at: createdAt,
        created_by: clerk,
        updated_at: updatedAt,
        updated_by: edited ? staff.admin : clerk,
        version: edited ? 2 : 1,
      });
      const r = rand();
      const tier = TIER_SHARES.findIndex((share) => r < share);
      if (tier > 0) setTier.run(tiers[tier], updatedAt, new Date(created + 365 * DAY).toISOString().slice(0, 10), id);
      for (let t = Math.floor(rand() * rand() * 3); t > 0; t--) addTag.run(id, TAGS[Math.floor(rand() * TAGS.length)]);
      slots.push({ id, created, tier });
    }
  }).immediate();
  return slots;
}

// As a child process: generate one branch and print its row counts as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      index: { type: 'string' },
      chain: { type: 'string' },
      members: { type: 'string' },
      purchases: { type: 'string' },
      now: { type: 'string' },
    },
  });
  const counts = generateBranch({
    path: values.db!,
    index: Number(values.index),
    chainCode: values.chain!,
    members: Number(values.members),
    purchases: Number(values.purchases),
    now: values.now ?? new Date().toISOString(),
  });
  process.stdout.write(`${JSON.stringify(counts)}\n`);
}
