import { posix, win32 } from 'node:path';

// Where development Electron keeps things, as plain functions of their inputs: shared by the main
// process and the scripts that run before it (scripts/check-electron.ts, scripts/electron-native.ts),
// which must agree with it without starting Electron. No Electron import here.

/** The app's name as Electron reads it from package.json (`productName`): the userData folder's name. */
export const APP_NAME = 'BranchDesk';
export const DATABASE_FILE = 'branchdesk.sqlite';

export interface Machine {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/**
 * The database `npm start` opens: Electron's `app.getPath('userData')` (its appData folder plus the
 * app's name) and branchdesk.sqlite (electron/main.ts). appData is %APPDATA% on Windows,
 * ~/Library/Application Support on macOS and $XDG_CONFIG_HOME or ~/.config elsewhere.
 */
export function electronDatabasePath({ platform, env, home }: Machine): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || win32.join(home, 'AppData', 'Roaming');
    return win32.join(appData, APP_NAME, DATABASE_FILE);
  }
  const appData =
    platform === 'darwin' ? posix.join(home, 'Library', 'Application Support') : env.XDG_CONFIG_HOME || posix.join(home, '.config');
  return posix.join(appData, APP_NAME, DATABASE_FILE);
}

/**
 * The folder of development Electron's own build of better-sqlite3 (scripts/electron-native.ts),
 * under the project's .cache/electron-native/. It is keyed by both versions: Electron's decides the
 * ABI, better-sqlite3's the code, so a change of either needs a new build and finds no old one.
 */
export function nativeBuildKey(electronVersion: string, betterSqliteVersion: string): string {
  return `electron-${electronVersion}-better-sqlite3-${betterSqliteVersion}`;
}

export const NATIVE_CACHE = '.cache/electron-native';
export const NATIVE_FILE = 'better_sqlite3.node';

/**
 * What scripts/electron-native.ts does with the cache, given the builds in it: build when the
 * current key has no binary, and drop every other key's folder (an older Electron's or
 * better-sqlite3's build, or one from before builds were keyed by both), which nothing loads again.
 */
export function nativeCachePlan(
  present: readonly { key: string; hasBinary: boolean }[],
  key: string,
): { build: boolean; remove: string[] } {
  return { build: !present.some((p) => p.key === key && p.hasBinary), remove: present.filter((p) => p.key !== key).map((p) => p.key) };
}
