import type { FileHandle } from 'node:fs/promises';
import { refuseFile } from './refusal';

// What a file is, from its first bytes: its name says nothing (an upload is stored under a token,
// and a store's ".xls" is as often a web page or a CSV). Anything that is neither an .xlsx nor
// text is refused here, before a parser sees it.

/** How much of the file's start is looked at, and what the CSV reader starts from. */
export const HEAD_BYTES = 64 * 1024;

export type FileShape = 'xlsx' | 'text';

const BINARY_MAGIC: ReadonlyArray<[format: string, magic: number[]]> = [
  ['png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['gif', [...ascii('GIF8')]],
  ['pdf', [...ascii('%PDF-')]],
  ['gzip', [0x1f, 0x8b]],
  ['rar', [...ascii('Rar!'), 0x1a, 0x07]],
  ['7z', [...ascii('7z'), 0xbc, 0xaf, 0x27, 0x1c]],
  ['zip', [...ascii('PK'), 0x05, 0x06]], // an empty zip
];
/** Excel 97–2003, WPS's .et and a password-protected .xlsx are all OLE2 compound files. */
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [...ascii('PK'), 0x03, 0x04];
const ODS_MIMETYPE = 'mimetypeapplication/vnd.oasis.opendocument.spreadsheet';

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  return bytes.length >= at + magic.length && magic.every((b, i) => bytes[at + i] === b);
}

/** The file's first bytes, and what it is; refuses what is neither an .xlsx nor text. */
export async function sniffFile(file: FileHandle): Promise<{ shape: FileShape; head: Buffer }> {
  const buffer = Buffer.alloc(HEAD_BYTES);
  const { bytesRead } = await file.read(buffer, 0, HEAD_BYTES, 0);
  const head = buffer.subarray(0, bytesRead);

  if (startsWith(head, OLE2)) {
    throw refuseFile((await isEncryptedPackage(file, head)) ? 'encrypted' : 'other_spreadsheet', { format: 'xls' });
  }
  if (startsWith(head, ZIP)) {
    // An OpenDocument file stores its type first, uncompressed, right after the entry's header.
    if (head.subarray(30, 30 + ODS_MIMETYPE.length).toString('latin1') === ODS_MIMETYPE) {
      throw refuseFile('other_spreadsheet', { format: 'ods' });
    }
    return { shape: 'xlsx', head };
  }
  for (const [format, magic] of BINARY_MAGIC) if (startsWith(head, magic)) throw refuseFile('binary', { format });
  if (startsWith(head, ascii('RIFF')) && head.subarray(8, 12).toString('latin1') === 'WEBP') throw refuseFile('binary', { format: 'webp' });
  if (startsWith(head, ascii('BZh')) && head.subarray(4, 10).toString('latin1') === '1AY&SY')
    throw refuseFile('binary', { format: 'bzip2' });

  const utf16 = startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]);
  // Text in UTF-8 or GB18030 never holds a zero byte; nearly every binary format does at once.
  if (!utf16 && head.includes(0)) throw refuseFile('binary', { format: 'unknown' });
  const webFormat = utf16 ? null : savedWebPage(head);
  if (webFormat) throw refuseFile('other_spreadsheet', { format: webFormat });
  return { shape: 'text', head };
}

/**
 * Many shop systems' "Excel" export is a web page or Excel 2003's XML named .xls; Excel opens
 * either, and saving it again as .xlsx is the fix.
 */
function savedWebPage(head: Buffer): 'html' | 'xml' | null {
  const text = head
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
    .trimStart()
    .toLowerCase();
  if (!text.startsWith('<')) return null;
  if (text.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet')) return 'xml';
  return /<(html|table)[\s>]/.test(text) ? 'html' : null;
}

/**
 * A workbook with a password to open it is an OLE2 file holding an "EncryptedPackage" stream.
 * Its name sits in the directory, found from the header (sector size and first directory
 * sector); a small file has it in its first bytes already.
 */
async function isEncryptedPackage(file: FileHandle, head: Buffer): Promise<boolean> {
  const name = Buffer.from('EncryptedPackage', 'utf16le');
  if (head.includes(name)) return true;
  if (head.length < 0x34) return false;
  const sectorSize = 2 ** head.readUInt16LE(0x1e);
  const firstDirectorySector = head.readUInt32LE(0x30);
  if (sectorSize > 4096 || firstDirectorySector >= 0xfffffffa) return false;
  const directory = Buffer.alloc(sectorSize * 4);
  const { bytesRead } = await file.read(directory, 0, directory.length, (firstDirectorySector + 1) * sectorSize);
  return directory.subarray(0, bytesRead).includes(name);
}
