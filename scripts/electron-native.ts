// `npm start` in development: better-sqlite3 in node_modules is compiled for Node (tests and
// browser mode need that). Electron has its own ABI, so build a second copy for Electron into
// .cache/electron-native/<key>/ and let the main process load it via nativeBinding. The key holds
// Electron's and better-sqlite3's versions (electron/dev-paths.ts): a new version of either is
// built afresh instead of loading a copy that no longer fits. Packaged apps do not need this:
// electron-builder rebuilds native modules for Electron.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { NATIVE_CACHE, NATIVE_FILE, nativeBuildKey, nativeCachePlan } from '../electron/dev-paths';

const versionOf = (pkg: string) =>
  (JSON.parse(readFileSync(resolve('node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
const electronVersion = versionOf('electron');
const key = nativeBuildKey(electronVersion, versionOf('better-sqlite3'));
const cache = resolve(NATIVE_CACHE);
const work = join(cache, 'work');

const present = existsSync(cache)
  ? readdirSync(cache, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'work')
      .map((entry) => ({ key: entry.name, hasBinary: existsSync(join(cache, entry.name, NATIVE_FILE)) }))
  : [];
const plan = nativeCachePlan(present, key);

if (plan.build) {
  console.log(`Building better-sqlite3 for Electron (${key}, once)…`);
  rmSync(work, { recursive: true, force: true });
  const source = resolve('node_modules/better-sqlite3');
  cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
  const nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  // Electron's headers come from electronjs.org; behind a network that blocks it, point
  // ELECTRON_HEADERS_URL at a mirror of https://electronjs.org/headers.
  const headers = process.env.ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
  execFileSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', `--dist-url=${headers}`],
    {
      cwd: work,
      stdio: 'inherit',
    },
  );
  mkdirSync(join(cache, key), { recursive: true });
  cpSync(join(work, 'build/Release', NATIVE_FILE), join(cache, key, NATIVE_FILE));
  rmSync(work, { recursive: true, force: true });
}
for (const old of plan.remove) rmSync(join(cache, old), { recursive: true, force: true });
