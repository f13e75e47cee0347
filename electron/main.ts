import { app, BrowserWindow, dialog, safeStorage, session } from 'electron';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../shared/errors';
import type { Backend } from './backend/client';
import { openStore } from './backend/lockable';
import type { HostOptions } from './backend/protocol';
import { forkUtilityHost } from './backend/utility';
import { NATIVE_CACHE, NATIVE_FILE, nativeBuildKey } from './dev-paths';
import { CONTENT_SECURITY_POLICY } from './http';
import { wireIpc } from './ipc';
import { wirePickFiles } from './pick-files';
import { Keychain, STORE_KEY_FILE, withKeychain } from './keychain';
import { fileState } from '../db/cipher-file';
import { uploadsDirFor } from '../services/core/uploads';

// The Electron shell stays thin: start the services in a utility process, relay IPC to them,
// show one locked-down window. The database is never opened on this thread, so the window never
// waits on it; everything the app does lives in services/ and runs under plain Node too.

const ROOT = join(__dirname, '..');
const RENDERER_INDEX = join(ROOT, 'dist/renderer/index.html');
const RENDERER_URL = pathToFileURL(RENDERER_INDEX).toString();

/** In development better-sqlite3 in node_modules is built for Node; scripts/electron-native.ts builds one for Electron. */
function nativeBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const { version } = JSON.parse(readFileSync(join(ROOT, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string };
  const path = join(ROOT, NATIVE_CACHE, nativeBuildKey(process.versions.electron, version), NATIVE_FILE);
  return existsSync(path) ? path : undefined;
}

function branchDatabase(): HostOptions {
  const dir = app.getPath('userData');
  mkdirSync(dir, { recursive: true });
  return { dbPath: join(dir, 'branchdesk.sqlite'), nativeBinding: nativeBinding(), checkOutputs: !app.isPackaged };
}

function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (url.split('#')[0] !== RENDERER_URL) event.preventDefault();
    });
    // No pop-ups and no external links: nothing in the app needs them yet.
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Report exports (CSV, Excel) are Blob downloads made by our own page; each asks where to save.
  // Nothing else may download.
  session.defaultSession.on('will-download', (event, item, contents) => {
    if (!item.getURL().startsWith('blob:') || contents.getURL().split('#')[0] !== RENDERER_URL) {
      event.preventDefault();
      return;
    }
    const name = item.getFilename();
    const extension = extname(name).slice(1).toLowerCase();
    item.setSaveDialogOptions({
      defaultPath: join(app.getPath('documents'), name),
      filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    });
  });
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    title: '门店会员管家 BranchDesk',
    show: false,
    webPreferences: {
      preload: join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_URL);
  return win;
}

app.enableSandbox();
void app.whenReady().then(async () => {
  lockDown();
  let backend: Backend & { locked(): boolean };
  const database = branchDatabase();
  // Where the user asked at the unlock screen, the OS keychain keeps the passphrase (electron/keychain.ts).
  const keychain = new Keychain(join(app.getPath('userData'), STORE_KEY_FILE), safeStorage);
  const kept = fileState(database.dbPath) === 'encrypted' ? keychain.recall() : null;
  try {
    // An encrypted store starts locked: the window's unlock screen gives the passphrase (electron/backend/lockable.ts).
    backend = await openStore(() => forkUtilityHost(__dirname), { ...database, key: kept });
  } catch (err) {
    dialog.showErrorBox('BranchDesk', err instanceof AppError ? err.message : String(err));
    app.quit();
    return;
  }
  // A kept passphrase that no longer opens the store (changed since): forgotten, the unlock screen asks.
  if (kept && backend.locked()) keychain.forget();
  wireIpc({ call: withKeychain((method, input, session) => backend.call(method, input, session), keychain) }, RENDERER_URL);
  wirePickFiles(backend, RENDERER_URL, uploadsDirFor(database.dbPath));
  // The chores start once the first window has loaded: the first screen never waits for them.
  createWindow().webContents.once('did-finish-load', () => backend.startMaintenance());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  let closed = false;
  app.on('will-quit', (event) => {
    if (closed) return;
    // Quit once the services have finished the call in hand and closed the database.
    event.preventDefault();
    void backend.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
