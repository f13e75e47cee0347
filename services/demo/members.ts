import type { DB } from '../../db/connection';
import { branchQueries, type BranchRow } from '../../db/queries/core/branch';
import { memberQueries } from '../../db/queries/members/members';
import { consentQueries } from '../../db/queries/privacy/consent';
import { demoRemovalQueries } from '../../db/queries/demo/removal';
import { newMemberRow } from '../members/new-member';

// Common surnames roughly by frequency (the first ones repeat so they come up more often).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤王李张刘陈杨黄赵吴周';
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方'];
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红娥玲芬燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽浩宇轩然博文子涵梓睿一诺辰逸俊熙泽雨晨昊天佑嘉懿';
const TAGS = ['VIP', '宝妈', '学生', '上班族', '老顾客', '团购', '健身', '美妆', '母婴', '数码', '银发', '新客'];
const DISTRICTS = ['朝阳区', '海淀区', '浦东新区', '徐汇区', '天河区', '南山区', '武侯区', '西湖区', '鼓楼区', '江汉区'];
const ROADS = ['建设路', '人民路', '解放路', '中山路', '和平路', '新华路', '文化路', '友谊路'];
const MOBILE_PREFIXES = [
  '138',
  '139',
  '137',
  '136',
  '135',
  '158',
  '159',
  '150',
  '151',
  '152',
  '186',
  '187',
  '188',
  '189',
  '177',
  '180',
  '181',
  '199',
  '133',
  '153',
];

/** Small, fast, seeded PRNG (mulberry32) so a seed of N members is the same every time. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The n-th generated mobile number. Distinct for distinct n (below 10^8): the last eight digits
 * walk a bijection of 0..10^8-1 (multiplying by a number coprime to 10^8), so even a few hundred
 * demo members have varied tails; the prefix only adds variety.
 */
export function generatedPhone(n: number): string {
  const prefix = MOBILE_PREFIXES[n % MOBILE_PREFIXES.length];
  const body = Number((BigInt(n) * 48271n + 12345678n) % 100000000n);
  return `+86${prefix}${String(body).padStart(8, '0')}`;
}

/**
 * A demo store's own seed and phone block, from its branch code: two demo branches of one trial
 * chain get different customers (with one seed, every member of one would be a member of the
 * other, with the same name and phone, and HQ would show one chain-wide duplicate).
 */
export function demoSeedFor(branchCode: string): { seed: number; phoneOffset: number } {
  let h = 2166136261;
  for (const ch of branchCode) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  // Blocks of 100,000 numbers (a demo store has at most 5,000 members) below 10^8.
  return { seed: h, phoneOffset: (h % 999) * 100_000 };
}

export interface DemoOptions {
  branch: BranchRow;
  staffId: string;
  count: number;
  now: string;
  newId: () => string;
  seed?: number;
  /** added to the card sequence to pick each phone, so two demo stores do not share customers */
  phoneOffset?: number;
  /** called every 10,000 members */
  onProgress?: (done: number) => void;
  /** the first run's demo load: each member is marked as demo data, so 删除演示数据 can find them (the bench's seed is not) */
  markAsDemo?: boolean;
}

/**
 * Realistic members (Chinese names, mainland mobiles, birthdays, tags) written straight to the
 * tables, each row built as registration builds it (members/new-member.ts), for demo data and
 * for the bench's million rows.
 *
 * Their consents are recorded as registration records them (the notice in force, the staff, a
 * history row per consent), but at the load, with the channel `demo`: the registrations are
 * dated up to three years back, before any notice the store has, and a consent dated then would
 * read as given under a text written later (docs/privacy.md).
 * Runs inside the caller's transaction if there is one, else in its own.
 */
export function insertDemoMembers(db: DB, o: DemoOptions): number {
  const rand = prng(o.seed ?? 20261124);
  const pick = <T>(list: ArrayLike<T>): T => list[Math.floor(rand() * list.length)];
  const members = memberQueries(db);
  const consents = consentQueries(db);
  const demo = demoRemovalQueries(db);
  const nowMs = Date.parse(o.now);
  let inserted = 0;
  const run = () => {
    const notice = consents.currentNotice()?.version ?? null;
    const consent = (memberId: string, kind: 'data' | 'marketing') =>
      // The member's id names the row, as migration 0020's do: no id taken from the caller's sequence.
      consents.insertConsent({
        id: `${memberId}:${kind}`,
        member_id: memberId,
        kind,
        granted: 1,
        notice_version: notice,
        at: o.now,
        by_staff: o.staffId,
        channel: 'demo',
      });
    const lastCard = branchQueries(db).nextNumber('card_no', o.count);
    const firstCard = lastCard - o.count + 1;
    for (let i = 0; i < o.count; i++) {
      const seq = firstCard + i;
      const surname = rand() < 0.01 ? pick(COMPOUND_SURNAMES) : pick(SURNAMES);
      const name = surname + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
      const created = new Date(nowMs - Math.floor(rand() * 3 * 365 * 86400000)).toISOString();
      const birthYear = 1950 + Math.floor(rand() * 58);
      const marketing = rand() < 0.6;
      const gender = rand() < 0.55 ? 'female' : rand() < 0.9 ? 'male' : 'unspecified';
      const birthday =
        rand() < 0.85
          ? `${birthYear}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
          : null;
      const hasEmail = rand() < 0.2;
      const address = rand() < 0.5 ? `${pick(DISTRICTS)}${pick(ROADS)}${1 + Math.floor(rand() * 300)}号` : null;
      const row = newMemberRow({
        id: o.newId(),
        branch: o.branch,
        cardSeq: seq,
        name,
        phone: generatedPhone(seq + (o.phoneOffset ?? 0)),
        gender,
        birthday,
        email: null,
        address,
        notes: null,
        consentMarketing: marketing,
        status: rand() < 0.02 ? 'inactive' : 'active',
        at: created,
        by: o.staffId,
      });
      // A demo member's email address is made from the pinyin their row was just given.
      if (hasEmail) row.email = `${row.py_full}${seq % 1000}@example.com`;
      row.consent_data_at = o.now;
      if (marketing) row.consent_marketing_at = o.now;
      if (!members.insertUnlessTaken(row)) continue; // phone already taken by a real member
      consent(row.id, 'data');
      if (marketing) consent(row.id, 'marketing');
      inserted++;
      if (o.markAsDemo) demo.mark(row.id);
      const tagCount = Math.floor(rand() * rand() * 4);
      for (let t = 0; t < tagCount; t++) members.addTag(row.id, pick(TAGS));
      if (o.onProgress && inserted % 10000 === 0) o.onProgress(inserted);
    }
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
  return inserted;
}
