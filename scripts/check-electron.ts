// Run first by `npm start` and `npm run dist`, before anything is compiled: says in a line what
// stops Electron from running here, how to fix it, and offers browser mode on the same database
// (scripts/electron-check.ts decides). Exits 1 then, and 0 when all is well. It never loads
// require('electron'), which would try the blocked download again.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { electronDatabasePath } from '../electron/dev-paths';
import { electronBinaryPath, electronCheck } from './electron-check';

const command = process.argv[2] === 'dist' ? 'dist' : 'start';
const electronDir = resolve('node_modules/electron');
const read = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8').trim() : null);
const electronVersion = (JSON.parse(read(join(electronDir, 'package.json')) ?? '{"version":"?"}') as { version: string }).version;
const override = process.env.ELECTRON_OVERRIDE_DIST_PATH || null;
const binaryPath = electronBinaryPath(electronDir, read(join(electronDir, 'path.txt')), override);

const lines = electronCheck({
  command,
  platform: process.platform,
  nodeVersion: process.version,
  electronVersion,
  override,
  binaryPresent: existsSync(binaryPath),
  binaryPath,
  databasePath: electronDatabasePath({ platform: process.platform, env: process.env, home: homedir() }),
});
if (lines.length > 0) {
  for (const line of lines) console.error(line);
  process.exit(1);
}
