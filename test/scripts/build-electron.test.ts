import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

// What `npm start` loads, where Electron itself cannot run: main, the preload, and the services'
// utility process that main forks (electron/backend/utility.ts looks for backend.cjs beside
// main.cjs), and the side host it starts in a worker thread for the long calls (backend-side.cjs).
// The database belongs to the utility process: main relays and never loads SQLite.

const ROOT = resolve(import.meta.dirname, '../..');
const bundle = (name: string) => readFileSync(join(ROOT, 'dist-electron', name), 'utf8');

describe('the Electron bundles (scripts/build-electron.mjs)', () => {
  it('bundles the services’ utility process beside main, with SQLite there and not in main', () => {
    execFileSync(process.execPath, ['scripts/build-electron.mjs'], { cwd: ROOT, stdio: 'pipe' });
    const main = bundle('main.cjs');
    const backend = bundle('backend.cjs');
    expect(main).toContain('"backend.cjs"');
    expect(main).not.toContain('require("better-sqlite3")');
    expect(backend).toContain('require("better-sqlite3")');
    expect(backend).not.toContain('require("electron")');
    expect(backend).toContain('process.parentPort');
    expect(bundle('preload.cjs')).toContain('require("electron")');
    // The side host the utility process starts for long calls (an HQ merge), beside it, with SQLite.
    expect(backend).toContain('"backend-side.cjs"');
    const side = bundle('backend-side.cjs');
    expect(side).toContain('require("better-sqlite3")');
    expect(side).not.toContain('require("electron")');
    expect(side).toContain('parentPort');
    // The thread that rewrites the store file (encryption turned on, a new passphrase), beside it too.
    expect(backend).toContain('"backend-rekey.cjs"');
    const rekey = bundle('backend-rekey.cjs');
    expect(rekey).toContain('require("better-sqlite3")');
    expect(rekey).toContain('rekey = ');
    expect(rekey).not.toContain('require("electron")');
  }, 60_000);
});
