// A branch's export comes back from `hq.exportBranch` as base64 (JSON-only types) and is decoded
// here for the download. (HQ's chosen files go the other way as uploads, never as base64.)

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
