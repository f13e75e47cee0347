// A file reaches the services as a stored upload named by a token, never as a request body
// (docs/rpc.md "Uploads"): browser mode streams it to POST /upload, the desktop app's main process
// copies the file its open-file dialog returned. Either way it lands in the uploads folder beside
// the database (services/core/uploads.ts), and a call names it by its token alone, so no path a
// caller gives ever reaches the file system. What both sides of the wire agree on lives here.

import type { Envelope } from './errors';

/** 24 random bytes in base64url: what the store makes, and all a method accepts as an upload. */
export const UPLOAD_TOKEN_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** The largest file either way in: a large store's HQ export is a few hundred megabytes. */
export const UPLOAD_MAX_BYTES = 512 * 1024 * 1024;

/** Browser mode's way in: the file is the request body. */
export const UPLOAD_PATH = '/upload';
/** The file's own name (URL-encoded: a Chinese name is not a valid header value), shown back to the user. */
export const UPLOAD_NAME_HEADER = 'X-File-Name';

/** A stored file, as POST /upload and the desktop app's file dialog answer it. */
export interface Upload {
  token: string;
  /** the name the file had where it was chosen */
  fileName: string;
  bytes: number;
}

/** What the desktop app's open-file dialog offers (Electron's own filter shape). */
export interface PickFilesRequest {
  filters: Array<{ name: string; extensions: string[] }>;
  multiple: boolean;
}

/**
 * One file the desktop app's dialog picked: stored as an upload, or why it could not be (too
 * large, unreadable). Told per file, so a page reports it beside that file as a browser's upload
 * refusal would be.
 */
export interface PickedFile {
  fileName: string;
  bytes: number;
  stored: Envelope<Upload>;
}

/** The IPC channel of the desktop app's open-file dialog (electron/ipc.ts). */
export const PICK_FILES_CHANNEL = 'pick-files';
