import { BrowserWindow, dialog, ipcMain, type OpenDialogOptions } from 'electron';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { receiveUpload } from '../services/core/uploads';
import { AppError, issuesFromZod, validationError, type Envelope } from '../shared/errors';
import { PICK_FILES_CHANNEL, type PickedFile } from '../shared/uploads';
import type { Backend } from './backend/client';
import { isTrustedSender } from './sender';

// The desktop app's open-file dialog (shared/uploads.ts): main shows it and copies each chosen
// file into the uploads folder under a new token, streamed, so neither this thread nor the
// window holds a file; the window gets the tokens, never a path.

const PickFilesInput = z.strictObject({
  filters: z
    .array(z.strictObject({ name: z.string().max(100), extensions: z.array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/)) }))
    .max(10),
  multiple: z.boolean(),
});

async function store(path: string, uploadsDir: string): Promise<PickedFile> {
  const fileName = basename(path);
  const size = (await stat(path).catch(() => null))?.size ?? 0;
  try {
    const { token, bytes } = await receiveUpload(createReadStream(path), uploadsDir);
    return { fileName, bytes, stored: { ok: true, result: { token, fileName, bytes } } };
  } catch (err) {
    const error =
      err instanceof AppError
        ? err.toBody()
        : { code: 'BAD_FILE' as const, message: `Cannot read ${fileName}: ${String(err)}`, details: { reason: 'unreadable' } };
    return { fileName, bytes: size, stored: { ok: false, error } };
  }
}

export function wirePickFiles(backend: Pick<Backend, 'call'>, rendererUrl: string, uploadsDir: string): void {
  ipcMain.handle(PICK_FILES_CHANNEL, async (event, rawInput: unknown, session: unknown): Promise<Envelope<PickedFile[]>> => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Untrusted sender', details: { reason: 'untrusted_sender' } } };
    }
    const parsed = PickFilesInput.safeParse(rawInput);
    if (!parsed.success) return { ok: false, error: validationError(issuesFromZod(parsed.error)).toBody() };
    // Only staff may store files, as over POST /upload: the services say who the session is.
    const me = await backend.call('auth.me', {}, typeof session === 'string' ? session : null);
    if (!me.ok) return { ok: false, error: me.error };

    const options: OpenDialogOptions = {
      filters: parsed.data.filters,
      properties: parsed.data.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    };
    const owner = BrowserWindow.fromWebContents(event.sender);
    const choice = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    if (choice.canceled) return { ok: true, result: [] };
    const picked: PickedFile[] = [];
    for (const path of choice.filePaths) picked.push(await store(path, uploadsDir));
    return { ok: true, result: picked };
  });
}
