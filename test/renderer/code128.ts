// A Code 128 reader for tests, written from the standard's symbol table (ISO/IEC 15417), not from
// the encoder it checks: bar and space widths of each value, the start codes, the checksum.

const WIDTHS = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
];
const STOP = '2331112';
const [START_A, START_B, START_C] = [103, 104, 105];

/** Runs of equal modules ('1' bar, '0' space) as widths, starting with a bar. */
function runs(modules: string): number[] {
  const out: number[] = [];
  for (const m of modules.match(/1+|0+/g) ?? []) out.push(m.length);
  return out;
}

/** Reads a symbol given as modules (quiet zones allowed); throws on anything a scanner would refuse. */
export function readCode128(modules: string): string {
  const widths = runs(modules.replace(/^0+|0+$/g, ''));
  const values: number[] = [];
  let i = 0;
  for (; widths.length - i > 7; i += 6) {
    const value = WIDTHS.indexOf(widths.slice(i, i + 6).join(''));
    if (value < 0) throw new Error(`no symbol ${widths.slice(i, i + 6).join('')} at bar ${i}`);
    values.push(value);
  }
  if (widths.slice(i).join('') !== STOP) throw new Error(`no stop pattern: ${widths.slice(i).join('')}`);
  const [start, ...rest] = values;
  const check = rest.pop();
  if (![START_A, START_B, START_C].includes(start)) throw new Error(`no start code: ${start}`);
  const sum = rest.reduce((s, v, k) => s + v * (k + 1), start) % 103;
  if (sum !== check) throw new Error(`checksum ${check} should be ${sum}`);
  let set = start === START_A ? 'A' : start === START_B ? 'B' : 'C';
  let text = '';
  for (const v of rest) {
    if (set === 'C' && v < 100) text += String(v).padStart(2, '0');
    else if (v === 99 && set !== 'C') set = 'C';
    else if (v === 100 && set !== 'B') set = 'B';
    else if (v === 101 && set !== 'A') set = 'A';
    else if (set === 'B' && v < 96) text += String.fromCharCode(v + 32);
    else if (set === 'A' && v < 96) text += String.fromCharCode(v < 64 ? v + 32 : v - 64);
    else throw new Error(`value ${v} in set ${set} is not text`);
  }
  return text;
}

/** The modules an SVG's bars cover (JsBarcode draws each bar as a rect, x and width in modules). */
export function modulesOfBars(bars: Array<{ x: number; width: number }>): string {
  const end = Math.max(...bars.map((b) => b.x + b.width));
  const modules = Array.from({ length: Math.round(end) }, () => '0');
  for (const { x, width } of bars) for (let m = Math.round(x); m < Math.round(x + width); m++) modules[m] = '1';
  return modules.join('');
}
