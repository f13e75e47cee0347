import { describe, expect, it } from 'vitest';
import { looksLikeUtf8, Utf8Scan } from '../../../services/import/byte-scans';

/** A repeatable stream of numbers in [0, n), so a failure can be run again as it was. */
function seeded(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

/**
 * A line of GBK text: characters are byte pairs, nine in ten of GB2312's hanzi (0xB0–0xF7,
 * 0xA1–0xFE), the rest anywhere in GBK (lead 0x81–0xFE, trail 0x40–0xFE but 0x7F): far more
 * rare characters than real text has, which is what could pass for UTF-8.
 */
function gbkLine(random: (n: number) => number): Uint8Array {
  const bytes: number[] = [];
  for (let cell = random(4); cell >= 0; cell--) {
    for (let ch = random(6); ch >= 0; ch--) {
      if (random(10) > 0) bytes.push(0xb0 + random(0xf8 - 0xb0), 0xa1 + random(0xff - 0xa1));
      else {
        const trail = random(190);
        bytes.push(0x81 + random(0x7e), trail < 63 ? 0x40 + trail : 0x80 + (trail - 63));
      }
    }
    bytes.push(0x2c);
  }
  bytes.push(...Buffer.from('13800138000\n'));
  return new Uint8Array(bytes);
}

describe('telling UTF-8 from GBK by their bytes', () => {
  it('checks UTF-8 strictly, across chunk ends', () => {
    const bytes = Buffer.from('张三,Zoë');
    const scan = new Utf8Scan().feed(bytes, 0, 2);
    expect(scan.cutShort).toBe(true);
    scan.feed(bytes, 2);
    expect(scan).toMatchObject({ invalid: false, threeByte: 2, han: 2, twoByte: 1, cutShort: false });
    expect(new Utf8Scan().feed(new Uint8Array([0xe0, 0x80, 0x80])).invalid).toBe(true); // overlong
    expect(new Utf8Scan().feed(new Uint8Array([0xed, 0xa0, 0x80])).invalid).toBe(true); // a surrogate
  });

  it('never takes a GBK line for UTF-8 (100,000 random lines)', () => {
    const random = seeded(17);
    const flagged = Array.from({ length: 100_000 }, () => gbkLine(random)).filter((line) => looksLikeUtf8(line, 0, line.length));
    expect(flagged).toEqual([]);
  });

  it('takes UTF-8 rows for UTF-8: every name with its gender, nearly every name alone; no ASCII line', () => {
    const common =
      '张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文明华国建军平志伟芳秀英敏静丽强磊洋艳勇杰娟涛超霞';
    const random = seeded(5);
    const names = Array.from({ length: 2000 }, () => Array.from({ length: 1 + random(3) }, () => common[random(common.length)]).join(''));
    const caught = (line: (name: string) => string) =>
      names.filter((name) => {
        const bytes = Buffer.from(line(name));
        return looksLikeUtf8(bytes, 0, bytes.length);
      }).length / names.length;
    expect(caught((name) => `${name},13800138000,${name.length % 2 ? '男' : '女'}\n`)).toBe(1);
    expect(caught((name) => `${name},13800138000\n`)).toBeGreaterThan(0.6); // one character alone is not enough
    const ascii = Buffer.from('Zhang San,13800138000\n');
    expect(looksLikeUtf8(ascii, 0, ascii.length)).toBe(false);
  });
});
