import { describe, expect, it } from 'vitest';
import { electronBinaryPath, electronCheck, nodeAtLeast, type CheckInput } from '../../scripts/electron-check';

// What npm start and npm run dist say before building anything, where Electron cannot run: Node.js
// too old for Electron 45's tools, or no Electron binary (its download blocked). One line says
// what is wrong, one how to fix it, one offers browser mode on the database the app would open.

const DB = '/home/wang/.config/BranchDesk/branchdesk.sqlite';
const ready: CheckInput = {
  command: 'start',
  platform: 'linux',
  nodeVersion: 'v22.12.0',
  electronVersion: '45.4.1',
  override: null,
  binaryPresent: true,
  binaryPath: '/app/node_modules/electron/dist/electron',
  databasePath: DB,
};
const BROWSER_MODE = `  Or use browser mode now, on the same database the app opens: npm run web -- --db "${DB}"`;

describe('the check before npm start and npm run dist', () => {
  it('says nothing when Node.js is 22.12 or newer and the binary is there', () => {
    for (const nodeVersion of ['v22.12.0', 'v22.20.1', 'v24.1.0', 'v100.0.0']) expect(electronCheck({ ...ready, nodeVersion })).toEqual([]);
  });

  it('stops on Node.js older than 22.12, first, naming the version and offering browser mode (which runs on 20)', () => {
    for (const nodeVersion of ['v20.20.2', 'v22.11.9', 'v21.7.3', 'v18.0.0']) {
      const lines = electronCheck({ ...ready, nodeVersion, binaryPresent: false });
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe(
        `npm start needs Node.js 22.12.0 or newer (Electron 45.4.1's tools ask for it); this is Node.js ${nodeVersion.slice(1)}.`,
      );
      expect(lines[1]).toContain('install Node.js 22 LTS');
      expect(lines[2]).toBe(BROWSER_MODE);
    }
  });

  it('stops without the binary, saying it could not be downloaded, how to get it through a mirror or a path, and offers browser mode', () => {
    expect(electronCheck({ ...ready, binaryPresent: false })).toEqual([
      "Electron 45.4.1 is not installed: its binary could not be downloaded (a network that blocks Electron's release downloads does this).",
      '  Fix: download it from a mirror, ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ node node_modules/electron/install.js, or set ELECTRON_OVERRIDE_DIST_PATH to the folder holding an Electron 45.4.1 binary; then npm start again.',
      BROWSER_MODE,
    ]);
    // On Windows the mirror command is PowerShell's.
    expect(electronCheck({ ...ready, platform: 'win32', binaryPresent: false })[1]).toContain(
      '$env:ELECTRON_MIRROR="https://npmmirror.com/mirrors/electron/"; node node_modules\\electron\\install.js',
    );
  });

  it('names an ELECTRON_OVERRIDE_DIST_PATH that holds no binary', () => {
    const lines = electronCheck({ ...ready, override: '/opt/electron', binaryPresent: false, binaryPath: '/opt/electron/electron' });
    expect(lines[0]).toBe(
      'ELECTRON_OVERRIDE_DIST_PATH is /opt/electron, but no Electron binary is there (looked for /opt/electron/electron).',
    );
    expect(lines[2]).toBe(BROWSER_MODE);
  });

  it('checks only Node.js for npm run dist (electron-builder fetches its own Electron), and offers no browser mode for packaging', () => {
    expect(electronCheck({ ...ready, command: 'dist', binaryPresent: false })).toEqual([]);
    const lines = electronCheck({ ...ready, command: 'dist', nodeVersion: 'v20.20.2' });
    expect(lines[0]).toMatch(/^npm run dist needs Node\.js 22\.12\.0 or newer/);
    expect(lines.join('\n')).not.toContain('npm run web');
  });

  it('compares versions part by part', () => {
    expect([
      nodeAtLeast('v22.12.0', '22.12.0'),
      nodeAtLeast('22.9.0', '22.12.0'),
      nodeAtLeast('v23.0.0', '22.12.0'),
      nodeAtLeast('v22.12.1', '22.12.0'),
    ]).toEqual([true, false, true, true]);
  });

  it('looks for the binary where electron . will: path.txt in dist, or in ELECTRON_OVERRIDE_DIST_PATH', () => {
    expect(electronBinaryPath('/app/node_modules/electron', 'electron', null)).toBe('/app/node_modules/electron/dist/electron');
    expect(electronBinaryPath('/app/node_modules/electron', null, null)).toBe('/app/node_modules/electron/dist/electron');
    expect(electronBinaryPath('/app/node_modules/electron', 'Electron.app/Contents/MacOS/Electron', '/opt/e')).toBe(
      '/opt/e/Electron.app/Contents/MacOS/Electron',
    );
  });
});
