import { namePinyin, type NamePinyin } from '../../shared/pinyin';
import { generatedPhone, prng } from '../../services/demo/members';

// The people of the HQ bench's generated chain. A person is a number: their phone, name,
// birthday and the rest follow from it alone, so two branches that share a customer write the
// same person without talking to each other.

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏';
const GIVEN =
  '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧巧美淑惠珠翠雅芝玉萍红玲芬燕彩春菊兰凤洁梅琳素云莲真雪荣爱霞香月瑞凡佳嘉琼勤珍莉桂叶璐琦晶妍茜秋珊婷倩颖露瑶怡丹蓉琴蕊薇岚馨韵浩宇轩然博文涵睿诺辰逸俊熙泽晨昊天佑';
const DISTRICTS = ['朝阳区', '海淀区', '浦东新区', '徐汇区', '天河区', '南山区', '武侯区', '西湖区'];
const ROADS = ['建设路', '人民路', '解放路', '中山路', '和平路', '新华路'];

/** Branch b's k-th member is person b·10⁶ + k + 1 unless it is a customer shared with the branch before. */
const PER_BRANCH = 1_000_000;
/** One member in SHARED_EVERY at each branch after the first is a customer of the branch before. */
export const SHARED_EVERY = 100;

/** The person behind branch `b`'s k-th member (0-based): every 100th is the previous branch's (k+50)-th, whose own number it takes. */
export function personOf(b: number, k: number, members: number): { n: number; shared: boolean } {
  const other = k + SHARED_EVERY / 2;
  if (b > 0 && k % SHARED_EVERY === 0 && other < members) return { n: (b - 1) * PER_BRANCH + other + 1, shared: true };
  return { n: b * PER_BRANCH + k + 1, shared: false };
}

export interface Person {
  name: string;
  py: NamePinyin;
  phone: string;
  gender: 'female' | 'male' | 'unspecified';
  birthday: string | null;
  email: string | null;
  address: string | null;
}

/** Names with their pinyin, made once (pinyin is the slow part of making a member). */
const names: Array<{ name: string; py: NamePinyin }> = [];
function namePool() {
  if (names.length === 0) {
    const rand = prng(4242);
    const pick = (s: string) => s[Math.floor(rand() * s.length)];
    for (let i = 0; i < 3000; i++) {
      const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.7 ? pick(GIVEN) : '');
      names.push({ name, py: namePinyin(name) });
    }
  }
  return names;
}

export function person(n: number): Person {
  const rand = prng(Math.imul(n, 2654435761) ^ 0x5bd1e995);
  const pool = namePool();
  const { name, py } = pool[Math.floor(rand() * pool.length)];
  const year = 1955 + Math.floor(rand() * 52);
  return {
    name,
    py,
    phone: generatedPhone(n),
    gender: rand() < 0.55 ? 'female' : rand() < 0.9 ? 'male' : 'unspecified',
    birthday:
      rand() < 0.85
        ? `${year}-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`
        : null,
    email: rand() < 0.2 ? `${py.full}${n % 1000}@example.com` : null,
    address:
      rand() < 0.5
        ? `${DISTRICTS[Math.floor(rand() * DISTRICTS.length)]}${ROADS[Math.floor(rand() * ROADS.length)]}${1 + Math.floor(rand() * 300)}号`
        : null,
  };
}

/** How a shared customer's record differs at the second branch now and then (HQ lists these as conflicts). */
export function editedAtSecondBranch(p: Person, rand: () => number): Person {
  const r = rand();
  if (r < 0.15) return { ...p, address: `${DISTRICTS[Math.floor(rand() * DISTRICTS.length)]}${ROADS[0]}${1 + Math.floor(rand() * 300)}号` };
  if (r < 0.25) return { ...p, email: `${p.py.full}.new@example.com` };
  return p;
}

/**
 * UUIDv7-shaped ids at a given time, fast: uuid's v7 with a time of our choosing draws 16
 * fresh random bytes per call, most of a branch's generation time. The tail is the branch and a
 * counter, so ids are unique across the chain by construction.
 */
export function idMaker(branch: number, rand: () => number): (ms: number) => string {
  let n = 0;
  const hex = (v: number, width: number) => v.toString(16).padStart(width, '0');
  const tail = hex(branch & 0xff, 2);
  return (ms: number) => {
    const t = hex(Math.floor(ms), 12);
    const r = Math.floor(rand() * 0x1000000);
    const seq = n++;
    return `${t.slice(0, 8)}-${t.slice(8)}-7${hex(r & 0xfff, 3)}-${hex(0x8000 | (r >>> 12), 4)}-${tail}${hex(seq, 10)}`;
  };
}
