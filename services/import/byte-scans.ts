// Byte-level looks at text whose encoding is not known yet: is it UTF-8, and does a line of a
// GB18030 file look like UTF-8 pasted in? Both run over every byte of a file, so they are plain
// loops over a Uint8Array, with no string made and no exception thrown per line.

/** UTF-8's structure read byte by byte; a sequence cut at a chunk's end carries into the next feed. */
export class Utf8Scan {
  invalid = false;
  /** complete 2-byte sequences (Latin, Greek, Cyrillic: rarely in a Chinese store's file) */
  twoByte = 0;
  /** complete 3-byte sequences (every Chinese character, full-width punctuation) */
  threeByte = 0;
  fourByte = 0;
  /** 3-byte sequences in U+4E00–U+9FFF, the common Chinese characters */
  han = 0;
  private pending = 0;
  private length = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private isHan = false;

  feed(bytes: Uint8Array, start = 0, end = bytes.length): this {
    for (let i = start; i < end && !this.invalid; i++) {
      const b = bytes[i];
      if (this.pending === 0) {
        if (b < 0x80) continue;
        this.lower = 0x80;
        this.upper = 0xbf;
        this.isHan = false;
        if (b >= 0xc2 && b <= 0xdf) this.length = 2;
        else if (b >= 0xe0 && b <= 0xef) {
          this.length = 3;
          // no overlong forms, no surrogates: what a strict decoder refuses is refused here
          if (b === 0xe0) this.lower = 0xa0;
          if (b === 0xed) this.upper = 0x9f;
          this.isHan = b >= 0xe4 && b <= 0xe9;
        } else if (b >= 0xf0 && b <= 0xf4) {
          this.length = 4;
          if (b === 0xf0) this.lower = 0x90;
          if (b === 0xf4) this.upper = 0x8f;
        } else {
          this.invalid = true;
          break;
        }
        this.pending = this.length - 1;
      } else if (b < this.lower || b > this.upper) {
        this.invalid = true;
      } else {
        this.lower = 0x80;
        this.upper = 0xbf;
        if (--this.pending === 0) this.count();
      }
    }
    return this;
  }

  /** A sequence was begun and not finished (at the end of the file: invalid). */
  get cutShort(): boolean {
    return this.pending > 0;
  }

  private count(): void {
    if (this.length === 2) this.twoByte++;
    else if (this.length === 3) {
      this.threeByte++;
      if (this.isHan) this.han++;
    } else this.fourByte++;
  }
}

/** GB2312's symbol rows (0xA1–0xA9): the trail bytes each one assigns, as [from, to] pairs. */
const GB2312_SYMBOLS: Record<number, readonly number[]> = {
  0xa1: [0xa1, 0xfe],
  0xa2: [0xb1, 0xe2, 0xe5, 0xee, 0xf1, 0xfc],
  0xa3: [0xa1, 0xfe],
  0xa4: [0xa1, 0xf3],
  0xa5: [0xa1, 0xf6],
  0xa6: [0xa1, 0xb8, 0xc1, 0xd8],
  0xa7: [0xa1, 0xc1, 0xd1, 0xf1],
  0xa8: [0xa1, 0xba, 0xc5, 0xe9],
  0xa9: [0xa4, 0xef],
};

/** A character GB2312 has: one of its symbols, or a hanzi (rows 0xB0–0xF7, 0xD7 ending at 0xF9). */
function isGb2312(lead: number, trail: number): boolean {
  if (lead >= 0xb0 && lead <= 0xf7) return trail >= 0xa1 && trail <= (lead === 0xd7 ? 0xf9 : 0xfe);
  const ranges = GB2312_SYMBOLS[lead];
  if (!ranges) return false;
  for (let i = 0; i < ranges.length; i += 2) if (trail >= ranges[i] && trail <= ranges[i + 1]) return true;
  return false;
}

/**
 * A GB18030 file's line that is really UTF-8 Chinese: valid UTF-8 made only of 3-byte sequences,
 * two Chinese characters among them at least, which as GB18030 pairs are not all GB2312
 * characters (UTF-8's continuation bytes 0x80–0xBF make pairs with a trail below 0xA1 or a lead
 * in GB2312's empty rows). GBK text of GB2312 characters never passes the last test; with rare
 * characters it must pass the first two as well, which random lines nine tenths GB2312 did once
 * in 300,000, and real text, whose characters seldom lead with 0xE0–0xEF, less. UTF-8 rows of
 * a name and a gender are all caught (test/services/import/byte-scans.test.ts).
 */
export function looksLikeUtf8(bytes: Uint8Array, start: number, end: number): boolean {
  const scan = new Utf8Scan().feed(bytes, start, end);
  if (scan.invalid || scan.cutShort || scan.han < 2 || scan.twoByte > 0 || scan.fourByte > 0) return false;
  for (let i = start; i < end; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    const next = i + 1 < end ? bytes[i + 1] : 0;
    // a four-byte GB18030 character (second byte a digit) is never GB2312
    const gb2312 = !(next >= 0x30 && next <= 0x39) && isGb2312(b, next);
    if (!gb2312) return true;
    i++;
  }
  return false;
}
