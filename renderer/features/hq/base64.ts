// Export files cross the contract as base64 (JSON-only types): a branch's download is decoded
// here, and HQ's chosen files encoded here. Files run to tens of megabytes, so both directions go
// in chunks: String.fromCharCode(...bytes) on a whole file would overflow the call stack.

/** Bytes per fromCharCode call: well under every engine's argument limit. */
const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** A chosen file's contents as base64, for `hq.merge`. */
export async function fileToBase64(file: Pick<Blob, 'arrayBuffer'>): Promise<string> {
  return bytesToBase64(new Uint8Array(await file.arrayBuffer()));
}
