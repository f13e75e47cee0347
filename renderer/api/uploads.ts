import { UPLOAD_MAX_BYTES, type PickFilesRequest, type PickedFile, type Upload } from '../../shared/uploads';
import { ApiError } from './apiError';
import { api } from './client';

// A page that reads a file hands the services an upload's token, never the file's contents
// (shared/uploads.ts). Both ways of choosing a file end in the same ChosenFile: a browser's
// <input type=file> (uploaded when the page needs it) and the desktop app's own dialog (stored by
// main as it picks), so a page never knows which it has.

/** A file the user chose, to be handed to the services as an upload. */
export interface ChosenFile {
  name: string;
  size: number;
  /** 0 when the desktop dialog picked it (its time stays with main) */
  lastModified: number;
  /**
   * The file stored as an upload, answered with its token; rejects with an ApiError (BAD_FILE
   * too_large, say). A method that reads the upload may remove it: ask again for another.
   */
  upload(): Promise<Upload>;
}

/** Browser mode: streams a file to POST /upload. A file over the limit is refused here, without sending it. */
export async function uploadFile(file: File): Promise<Upload> {
  if (file.size > UPLOAD_MAX_BYTES) {
    throw new ApiError('BAD_FILE', 'The file is too large', { reason: 'too_large', maxBytes: UPLOAD_MAX_BYTES });
  }
  return api.upload(file);
}

/** What an <input type=file> gave: each upload() sends the file afresh (a method may remove an upload it has used). */
export function chosenFromInput(files: readonly File[]): ChosenFile[] {
  return files.map((file) => ({ name: file.name, size: file.size, lastModified: file.lastModified, upload: () => uploadFile(file) }));
}

/** The dialog stored the file once, as it picked it: its upload is that one. */
function chosenFromDialog(picked: PickedFile): ChosenFile {
  const { stored } = picked;
  return {
    name: picked.fileName,
    size: picked.bytes,
    lastModified: 0,
    upload: async () => {
      if (stored.ok) return stored.result;
      throw new ApiError(stored.error.code, stored.error.message, stored.error.details ?? {});
    },
  };
}

/** The desktop app's open-file dialog (files stored as they are picked); null in a browser, where a page shows an <input type=file>. */
export function desktopFilePicker(): ((request: PickFilesRequest) => Promise<ChosenFile[]>) | null {
  const dialog = api.fileDialog();
  return dialog && (async (request) => (await dialog(request)).map(chosenFromDialog));
}
