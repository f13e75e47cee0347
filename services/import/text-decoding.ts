import { createReadStream } from 'node:fs';
import { looksLikeUtf8, Utf8Scan } from './byte-scans';
import { HEAD_BYTES } from './sniff';

// A text file's encoding, and its text a chunk at a time (docs/import.md "Reading the file").
// Chinese stores' files come in UTF-8 (with or without a BOM), in GBK from Excel on Chinese
// Windows, or in UTF-16 from Excel's "Unicode text". Node's TextDecoder (full ICU) decodes all
// of them; GB18030 is GBK's superset, so GBK files are read as GB18030.

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

/** Text that is not in the file's encoding: the reader refuses the row it lands in (mixed_encodings). */
export const NOT_IN_ENCODING = '\uFFFD';

/** A line longer than this is not checked line by line; the CSV reader refuses it anyway. */
const MAX_CHECKED_LINE_BYTES = 1 << 20;

/** Chinese text in UTF-8 holds 3-byte sequences at once; this many valid ones settle it. */
const UTF8_EVIDENCE = 4;

/**
 * A BOM says it; otherwise the bytes do, read until they settle it: bytes that are not UTF-8
 * make it GB18030; enough Chinese characters in valid UTF-8 make it UTF-8. A file that stays
 * undecided to its end is UTF-8 if it has any 3-byte character or no byte above ASCII, and
 * GB18030 if its only non-ASCII bytes pair up as 2-byte UTF-8 (GBK's 女装 is valid UTF-8 "Ůװ").
 * ASCII reads alike in both, so a till's sales file in ASCII with a Chinese category in its
 * 300,000th row is decided there, not garbled or refused.
 */
export async function detectEncoding(path: string, head: Buffer): Promise<TextEncodingName> {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const scan = new Utf8Scan();
  const settled = (): TextEncodingName | null =>
    scan.invalid ? 'gb18030' : scan.threeByte + scan.fourByte >= UTF8_EVIDENCE ? 'utf-8' : null;
  // Line by line, so that the first lines decide: a UTF-8 file with one GBK row pasted into its
  // first kilobytes is UTF-8 refused at that row, not GB18030 refused at its header.
  const feed = (bytes: Buffer): TextEncodingName | null => {
    for (let start = 0; start < bytes.length;) {
      const lineBreak = bytes.indexOf(0x0a, start);
      const end = lineBreak === -1 ? bytes.length : lineBreak + 1;
      scan.feed(bytes, start, end);
      if (settled()) return settled();
      start = end;
    }
    return null;
  };
  let decided = feed(head);
  if (!decided && head.length === HEAD_BYTES) {
    for await (const chunk of createReadStream(path, { start: HEAD_BYTES, highWaterMark: HEAD_BYTES })) {
      decided = feed(chunk as Buffer);
      if (decided) break;
    }
  }
  if (decided) return decided;
  if (scan.cutShort) return 'gb18030';
  if (scan.threeByte + scan.fourByte === 0 && scan.twoByte > 0) return 'gb18030';
  return 'utf-8';
}

/**
 * The file's text, chunk by chunk, a BOM left out. Bytes not in the encoding come out as
 * NOT_IN_ENCODING rather than as some other character: in UTF-8 the decoder makes them U+FFFD;
 * GB18030 decodes nearly any bytes, so a line there that is really UTF-8 is marked with one.
 */
export async function* decodedText(path: string, encoding: TextEncodingName): AsyncGenerator<string> {
  const chunks = createReadStream(path, { highWaterMark: HEAD_BYTES });
  const decoder = new TextDecoder(encoding);
  if (encoding !== 'gb18030') {
    for await (const chunk of chunks) {
      const text = decoder.decode(chunk as Buffer, { stream: true });
      if (text) yield text;
    }
  } else {
    let carry = Buffer.alloc(0);
    for await (const chunk of chunks) {
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      let end = bytes.lastIndexOf(0x0a) + 1;
      if (end === 0 && bytes.length > MAX_CHECKED_LINE_BYTES) end = bytes.length;
      carry = Buffer.from(bytes.subarray(end));
      const text = markedGb18030(bytes.subarray(0, end), decoder);
      if (text) yield text;
    }
    const text = markedGb18030(carry, decoder);
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** GB18030 text of whole lines, each line that looks like UTF-8 starting with the mark. */
function markedGb18030(bytes: Buffer, decoder: TextDecoder): string {
  let text = '';
  let from = 0;
  for (let lineStart = 0; lineStart < bytes.length;) {
    const lineBreak = bytes.indexOf(0x0a, lineStart);
    const lineEnd = lineBreak === -1 ? bytes.length : lineBreak + 1;
    if (looksLikeUtf8(bytes, lineStart, lineEnd)) {
      text += decoder.decode(bytes.subarray(from, lineStart), { stream: true }) + NOT_IN_ENCODING;
      from = lineStart;
    }
    lineStart = lineEnd;
  }
  return text + decoder.decode(bytes.subarray(from), { stream: true });
}
