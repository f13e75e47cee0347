import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { expect, type Locator, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';

// What the reports' e2e reads back: downloaded CSV and Excel files, and Chromium's PDF (its text
// through the fonts' ToUnicode maps, since CJK glyphs are drawn from embedded font subsets).

/** Clicks an export button of a frame and returns the file's name and bytes. */
export async function download(page: Page, frame: Locator, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), frame.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

export function csvRows(bytes: Buffer): string[][] {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true); // so Excel on zh-CN Windows reads UTF-8
  const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

export async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  expect(workbook.worksheets).toHaveLength(1);
  const sheet = workbook.worksheets[0];
  return Array.from({ length: sheet.rowCount }, (_, i) => (sheet.getRow(i + 1).values as unknown[]).slice(1));
}

// --- PDF text, read back through each font's ToUnicode map ------------------------------------
// Chromium (Skia) writes text as glyph codes of embedded font subsets (here Type3 fonts of one-byte
// codes, made from Noto CJK) in compressed streams: the bytes never hold "BranchDesk". Each page's
// content stream names its font (/F5 20 Tf) and shows hex glyph strings; the font's ToUnicode CMap
// turns them back into text. Where a glyph stands for two characters (Noto draws 比 and the radical
// ⽐ alike), Skia says which in an ActualText span, which wins. Enough of PDF for that, no more.

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function pdfObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1'); // one char per byte, so indexes are byte offsets
  const objects = new Map<number, PdfObject>();
  const head = /(\d+) 0 obj\b/g;
  for (let m = head.exec(text); m; m = head.exec(text)) {
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endAt = text.indexOf('endobj', start);
    let stream: Buffer | null = null;
    let end = endAt;
    if (streamAt >= 0 && streamAt < endAt) {
      const dict = text.slice(start, streamAt);
      const length = /\/Length (\d+)(?! \d+ R)/.exec(dict);
      const from = streamAt + (text.startsWith('stream\r\n', streamAt) ? 8 : 7);
      const to = length ? from + Number(length[1]) : text.indexOf('endstream', from);
      const raw = pdf.subarray(from, to);
      stream = dict.includes('/FlateDecode') ? inflateSync(raw) : raw;
      end = text.indexOf('endobj', to);
      objects.set(Number(m[1]), { dict, stream });
    } else {
      objects.set(Number(m[1]), { dict: text.slice(start, endAt), stream });
    }
    head.lastIndex = end;
  }
  return objects;
}

/** UTF-16BE in hex ("6BD4") as text. */
const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));

/** A font's ToUnicode CMap: how many hex digits a glyph code has, and code → text. */
interface Cmap {
  width: number;
  map: Map<string, string>;
}

function toUnicode(cmap: string): Cmap {
  const map = new Map<string, string>();
  for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, uni] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(code.toUpperCase(), utf16(uni));
  }
  for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, lo, hi, to] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const list = to.startsWith('[') ? [...to.matchAll(/<([0-9A-Fa-f]+)>/g)].map((t) => t[1]) : null;
      for (let c = parseInt(lo, 16), i = 0; c <= parseInt(hi, 16); c++, i++) {
        const code = c.toString(16).toUpperCase().padStart(lo.length, '0');
        map.set(code, utf16(list ? list[i] : (parseInt(to.slice(1, -1), 16) + i).toString(16).padStart(to.length - 2, '0')));
      }
    }
  }
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  return { width: space ? space[1].length : 4, map };
}

/** The pages of a PDF: their size in points and the text each shows, runs in drawing order. */
export function pdfPages(pdf: Buffer): { width: number; height: number; text: string }[] {
  const objects = pdfObjects(pdf);
  const dictOf = (ref: string) => objects.get(Number(ref))?.dict ?? '';
  const pages = [...objects.values()].filter((o) => /\/Type\s*\/Page\b(?!s)/.test(o.dict));
  return pages.map((page) => {
    const resources = /\/Resources\s+(\d+) 0 R/.exec(page.dict)?.[1];
    const res = resources ? dictOf(resources) : page.dict;
    const fontDict = /\/Font\s+(\d+) 0 R/.exec(res)?.[1];
    const fonts = new Map<string, Cmap>();
    for (const [, name, ref] of (fontDict ? dictOf(fontDict) : (/\/Font\s*<<([^>]*)>>/.exec(res)?.[1] ?? '')).matchAll(
      /\/([^\s/]+)\s+(\d+) 0 R/g,
    )) {
      const cmapRef = /\/ToUnicode\s+(\d+) 0 R/.exec(dictOf(ref))?.[1];
      fonts.set(name, toUnicode(objects.get(Number(cmapRef))?.stream?.toString('latin1') ?? ''));
    }
    const contents = /\/Contents\s+(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const content = [...contents.matchAll(/(\d+) 0 R/g)].map((c) => objects.get(Number(c[1]))?.stream?.toString('latin1') ?? '').join('\n');
    let font: Cmap = { width: 4, map: new Map() };
    let out = '';
    let actual = false; // inside /Span <</ActualText …>> BDC … EMC: the text is given, the glyphs are not read
    const tokens = /\/ActualText\s*<([0-9A-Fa-f\s]*)>|\/([^\s/<>[\]()]+)\s+[\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|\b(ET|EMC)\b/g;
    for (const [, actualText, fontName, hex, op] of content.matchAll(tokens)) {
      if (actualText !== undefined) {
        out += utf16(actualText.replace(/\s/g, '').replace(/^FEFF/i, ''));
        actual = true;
      } else if (fontName) font = fonts.get(fontName) ?? { width: 4, map: new Map() };
      else if (hex !== undefined && !actual) {
        const digits = hex.replace(/\s/g, '').toUpperCase();
        for (let i = 0; i < digits.length; i += font.width) out += font.map.get(digits.slice(i, i + font.width)) ?? '\uFFFD';
      } else if (op === 'EMC') actual = false;
      else if (op === 'ET') out += '\n';
    }
    const [x0, y0, x1, y1] = (/\/MediaBox\s*\[([^\]]*)\]/.exec(page.dict)?.[1] ?? '').trim().split(/\s+/).map(Number);
    return { width: x1 - x0, height: y1 - y0, text: out };
  });
}

// ------------------------------------------------------------------------------------------------
