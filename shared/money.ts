/**
 * Money crosses the wire as yuan text or numbers ("12.5", 12.5) and is kept as integer fen.
 * Parsing is done on the decimal text, never by multiplying floats.
 */
export type YuanParse =
  { ok: true; fen: number } | { ok: false; rule: 'invalid_amount' | 'too_many_decimals' | 'not_positive' | 'too_big' };

export const MAX_AMOUNT_FEN = 100_000_000_00; // ¥100,000,000: far above any till

export function parseYuan(input: string | number): YuanParse {
  const text =
    typeof input === 'number'
      ? Number.isFinite(input)
        ? String(input)
        : ''
      : input
          .normalize('NFKC')
          .trim()
          .replace(/^[¥￥]/, '')
          .replace(/,/g, '');
  const m = /^(-)?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return { ok: false, rule: 'invalid_amount' };
  const decimals = m[3] ?? '';
  if (decimals.length > 2) return { ok: false, rule: 'too_many_decimals' };
  if (m[2].length > 12) return { ok: false, rule: 'too_big' };
  const fen = Number(m[2]) * 100 + Number(decimals.padEnd(2, '0'));
  if (m[1] || fen <= 0) return { ok: false, rule: 'not_positive' };
  if (fen > MAX_AMOUNT_FEN) return { ok: false, rule: 'too_big' };
  return { ok: true, fen };
}

/** ¥1,234.50 style, for screens and receipts. */
export function formatYuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100).toLocaleString('en-US');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}
