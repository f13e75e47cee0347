import { closeSync, copyFileSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { openDatabase, type DB } from '../../db/connection';
import { createApp } from '../../services/core/context';
import { closeJobRunner, jobRunner } from '../../services/core/jobs/runner';
import { idleCatchUp, runMaintenance } from '../../services/core/maintenance';
import { generatedPhone, prng } from '../../services/demo/members';

// What the import bench (import.ts) reads, made once under .cache/bench/import/ by this script in
// a process of its own, so the bench's own memory figures start clean:
//   --settle: the members-only store with its first day's chores done (the follow-up generator's
//     first run over a million members, the report summaries built), so each run's copy starts
//     where a store that has been open a day would, not with an hour of start-up jobs;
//   --members-file: a messy members file (CSV, UTF-8 with a BOM as Excel saves it, and the same
//     rows as an .xlsx written by exceljs's streaming writer with shared strings, as Excel writes);
//   --sales-file: a till's messy sales export for the store's members.
// Seeded, so the same sizes give the same rows; the sales' dates count back from the day the file
// is made (none may lie in the future, and their points should not all have expired).

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    settle: { type: 'string' },
    'members-file': { type: 'string' },
    'sales-file': { type: 'string' },
    rows: { type: 'string', default: '100000' },
  },
});

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const fullWidth = (s: string) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const csvCell = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const DAY = 86_400_000;

/** A mainland mobile (as E.164) written as people type it into a sheet. */
function messyPhone(e164: string, r: number): string {
  const n = e164.slice(3);
  if (r < 0.5) return n;
  if (r < 0.6) return `+86 ${n.slice(0, 3)} ${n.slice(3, 7)} ${n.slice(7)}`;
  if (r < 0.7) return `${n.slice(0, 3)}-${n.slice(3, 7)}-${n.slice(7)}`;
  if (r < 0.75) return `0086${n}`;
  if (r < 0.8) return fullWidth(n);
  if (r < 0.9) return ` ${n} `;
  return `+86${n}`;
}

/** A date in one of the formats stores' sheets use, Excel's serial numbers among them. */
function messyDate(y: number, m: number, d: number, r: number): string {
  if (r < 0.4) return `${y}-${pad(m)}-${pad(d)}`;
  if (r < 0.6) return `${y}/${m}/${d}`;
  if (r < 0.75) return `${y}${pad(m)}${pad(d)}`;
  if (r < 0.9) return `${y}年${m}月${d}日`;
  return String((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / DAY);
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月';
const GENDERS = ['男', '女', '女', 'M', 'F', '1', '2', '先生', '女士', ''];
const TAGS = ['VIP', 'VIP,宝妈', '老顾客、学生', '上班族', '团购;健身'];
/** One refused value each (column, value): 5% of the members file's rows carry one. */
const INVALID: Array<[number, string]> = [
  [2, '1380013'], // phone too short
  [2, '#N/A'], // an Excel error
  [2, '1.38001E+10'], // Excel turned the phone into a float
  [4, '1990-02-30'], // no such day
  [4, '2090-05-01'], // a birthday in the future
  [5, '-50'], // negative points
  [3, '男女'], // no such gender
];
const MEMBER_HEADERS = ['会员卡号', '姓名', '手机号码', '性别', '生日', '积分', '余额', '标签', '备注', '注册日期'];

/** The store's member at `rowid` (the seed writes them in order, so every rowid is one). */
const memberAt = (db: DB) => {
  const stmt = db.prepare<[number], { phone: string; card_no: string }>('SELECT phone, card_no FROM members WHERE rowid >= ? LIMIT 1');
  const max = db.prepare<[], number>('SELECT MAX(rowid) FROM members').pluck().get() ?? 0;
  return (r: number) => stmt.get(1 + Math.floor(r * max))!;
};

/**
 * `count` member rows: 5% refused (one bad value each), 1% repeating an earlier row's phone
 * (written another way), 1% a member the store has already (an update), the rest new people.
 */
function memberRows(db: DB, count: number): string[][] {
  const rand = prng(17);
  const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(rand() * list.length)];
  const stored = memberAt(db);
  const phones: string[] = [];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const kind = rand();
    let e164 = generatedPhone(50_000_000 + i);
    if (kind >= 0.05 && kind < 0.06 && phones.length > 0) e164 = pick(phones);
    else if (kind >= 0.06 && kind < 0.07) e164 = stored(rand()).phone;
    else if (kind >= 0.05) phones.push(e164);
    const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
    const birthday =
      rand() < 0.85 ? messyDate(1950 + Math.floor(rand() * 55), 1 + Math.floor(rand() * 12), 1 + Math.floor(rand() * 28), rand()) : '';
    const registered = new Date(Date.UTC(2021, 0, 1) + Math.floor(rand() * 5 * 365 * DAY));
    const row = [
      rand() < 0.7 ? `vip ${pad(i + 1, 7)}` : '',
      rand() < 0.1 ? ` ${name.length === 2 ? `${name[0]}　${name[1]}` : name} ` : name,
      messyPhone(e164, rand()),
      pick(GENDERS),
      birthday,
      rand() < 0.6 ? pick(['300', '1,200', '88', '500分', '0', '12000']) : '',
      rand() < 0.2 ? pick(['¥120.50', '35元', '1,000.00', '0']) : '',
      rand() < 0.3 ? pick(TAGS) : '',
      rand() < 0.05 ? '喜欢新品，周末来店' : '',
      messyDate(registered.getUTCFullYear(), registered.getUTCMonth() + 1, registered.getUTCDate(), rand()),
    ];
    if (kind < 0.05) {
      const [column, value] = pick(INVALID);
      row[column] = value;
    }
    rows.push(row);
  }
  return rows;
}

function writeLines(path: string, lines: Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const fd = openSync(`${path}.part`, 'w');
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 10_000) {
      writeSync(fd, chunk.join(''));
      chunk = [];
    }
  }
  writeSync(fd, chunk.join(''));
  closeSync(fd);
  renameSync(`${path}.part`, path);
}

async function writeMembersFiles(db: DB, csvPath: string, count: number): Promise<void> {
  const rows = memberRows(db, count);
  writeLines(csvPath, [`\ufeff${MEMBER_HEADERS.join(',')}\r\n`, ...rows.map((r) => `${r.map(csvCell).join(',')}\r\n`)]);
  // The same rows as a workbook: numbers where Excel would hold numbers (a phone or points typed
  // in, a date it shows as a serial), text elsewhere; shared strings, as Excel saves a sheet.
  const xlsxPath = csvPath.replace(/\.csv$/, '.xlsx');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${xlsxPath}.part`, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('会员');
  sheet.addRow(MEMBER_HEADERS).commit();
  for (const row of rows) sheet.addRow(row.map((cell) => (/^[1-9]\d{0,10}$/.test(cell) ? Number(cell) : cell))).commit();
  sheet.commit();
  await workbook.commit();
  renameSync(`${xlsxPath}.part`, xlsxPath);
}

const CATEGORIES = ['女装', '男装', '童装', '鞋包', '配饰', '美妆', '', '', ''];

/**
 * `count` sales rows of a year's till exports: 85% by phone (some written messily), 10% by card,
 * 5% by both; 90% with a receipt number (0.2% of those repeating one), 1% refused (a phone nobody
 * has, an amount or a date that is not one).
 */
function* saleLines(db: DB, count: number, lastDay: number): Generator<string> {
  const rand = prng(18);
  const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(rand() * list.length)];
  const stored = memberAt(db);
  yield '交易时间,小票号,会员手机,会员卡号,实收金额,品类\r\n';
  for (let i = 0; i < count; i++) {
    const member = stored(rand());
    const how = rand();
    let phone = how < 0.85 || how >= 0.95 ? messyPhone(member.phone, rand() < 0.8 ? 0 : rand()) : '';
    const card = how >= 0.85 ? member.card_no : '';
    const at = new Date(lastDay - Math.floor(rand() * 365) * DAY + (9 * 60 + Math.floor(rand() * 13 * 60)) * 60_000);
    const [y, m, d, hh, mm] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()];
    const timeShape = rand();
    let when =
      timeShape < 0.85
        ? `${y}-${pad(m)}-${pad(d)} ${pad(hh)}:${pad(mm)}:${pad(Math.floor(rand() * 60))}`
        : timeShape < 0.95
          ? `${y}/${m}/${d} ${hh}:${pad(mm)}`
          : `${y}-${pad(m)}-${pad(d)}`;
    const fen = 500 + Math.floor(rand() * rand() * 200_000);
    const yuan = `${Math.floor(fen / 100)}.${pad(fen % 100)}`;
    const amountShape = rand();
    let amount =
      amountShape < 0.6 ? yuan : amountShape < 0.8 ? `¥${yuan}` : amountShape < 0.9 ? `${yuan}元` : Number(yuan).toLocaleString('en');
    const receiptShape = rand();
    const receipt = receiptShape < 0.1 ? '' : receiptShape < 0.102 && i > 0 ? `R${pad(Math.floor(rand() * i), 8)}` : `R${pad(i, 8)}`;
    const bad = rand();
    if (bad < 0.004) phone = generatedPhone(90_000_000 + i).slice(3);
    else if (bad < 0.007) amount = '待定';
    else if (bad < 0.01) when = `${y}-13-${pad(d)}`;
    yield `${[when, receipt, phone, card, amount, pick(CATEGORIES)].map(csvCell).join(',')}\r\n`;
  }
}

/** The seeded store with the chores a store's first day runs done, written whole or not at all. */
function settle(seeded: string, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  copyFileSync(seeded, `${path}.part`);
  const db = openDatabase(`${path}.part`);
  const app = createApp(db, { checkOutputs: false });
  const runner = jobRunner(app);
  for (let round = 0; round < 2; round++) {
    runMaintenance(app);
    idleCatchUp(app);
    runner.runToEnd();
  }
  closeJobRunner(app);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  for (const suffix of ['-wal', '-shm']) rmSync(`${path}.part${suffix}`, { force: true });
  renameSync(`${path}.part`, path);
}

if (values.db) {
  const t0 = performance.now();
  if (values.settle) settle(values.db, values.settle);
  const db = openDatabase(values.settle ?? values.db);
  const rows = Number(values.rows);
  if (values['members-file']) await writeMembersFiles(db, values['members-file'], rows);
  // Yesterday, in the store's zone or near it: no sale lies in the future.
  if (values['sales-file']) writeLines(values['sales-file'], saleLines(db, rows, Date.UTC(...today()) - DAY));
  db.close();
  console.log(`  made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

function today(): [number, number, number] {
  const now = new Date();
  return [now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()];
}
