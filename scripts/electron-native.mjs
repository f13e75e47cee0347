// `npm start` in development: better-sqlite3 in node_modules is compiled for Node (tests and
// browser mode need that). Electron has its own ABI, so build a second copy for Electron into
// .cache/electron-native/<electron version>/ and let the main process load it via nativeBinding.
// Packaged apps do not need this: electron-builder rebuilds native modules for Electron.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const electronVersion = require('electron/package.json').version;
const target = resolve('.cache/electron-native', electronVersion, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`Building better-sqlite3 for Electron ${electronVersion} (once)…`);
const work = resolve('.cache/electron-native/work');
rmSync(work, { recursive: true, force: true });
const source = resolve('node_modules/better-sqlite3');
cpSync(source, work, { recursive: true, filter: (src) => !src.startsWith(join(source, 'build')) });
const nodeGyp = require.resolve('node-gyp/bin/node-gyp.js');
execFileSync(process.execPath, [nodeGyp, 'rebuild', '--release', `--target=${electronVersion}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], {
  cwd: work,
  stdio: 'inherit',
});
mkdirSync(resolve('.cache/electron-native', electronVersion), { recursive: true });
cpSync(join(work, 'build/Release/better_sqlite3.node'), target);
rmSync(work, { recursive: true, force: true });
