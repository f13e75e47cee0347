import { describe, expect, it } from 'vitest';
import { electronDatabasePath, nativeBuildKey, nativeCachePlan } from '../../electron/dev-paths';

// Development Electron's paths, shared by the main process and the scripts that run before it.

describe('the database npm start opens', () => {
  it('is branchdesk.sqlite in Electron userData: appData plus the product name, per system', () => {
    expect(electronDatabasePath({ platform: 'linux', env: {}, home: '/home/wang' })).toBe(
      '/home/wang/.config/BranchDesk/branchdesk.sqlite',
    );
    expect(electronDatabasePath({ platform: 'linux', env: { XDG_CONFIG_HOME: '/data/cfg' }, home: '/home/wang' })).toBe(
      '/data/cfg/BranchDesk/branchdesk.sqlite',
    );
    expect(electronDatabasePath({ platform: 'darwin', env: {}, home: '/Users/wang' })).toBe(
      '/Users/wang/Library/Application Support/BranchDesk/branchdesk.sqlite',
    );
    expect(
      electronDatabasePath({ platform: 'win32', env: { APPDATA: 'C:\\Users\\Wang\\AppData\\Roaming' }, home: 'C:\\Users\\Wang' }),
    ).toBe('C:\\Users\\Wang\\AppData\\Roaming\\BranchDesk\\branchdesk.sqlite');
    expect(electronDatabasePath({ platform: 'win32', env: {}, home: 'C:\\Users\\Wang' })).toBe(
      'C:\\Users\\Wang\\AppData\\Roaming\\BranchDesk\\branchdesk.sqlite',
    );
  });
});

describe('the Electron build of better-sqlite3', () => {
  const key = nativeBuildKey('45.4.1', '12.11.1');

  it('is keyed by both Electron’s and better-sqlite3’s versions', () => {
    expect(key).toBe('electron-45.4.1-better-sqlite3-12.11.1');
    expect(new Set([key, nativeBuildKey('45.4.2', '12.11.1'), nativeBuildKey('45.4.1', '12.12.0')]).size).toBe(3);
  });

  it('is built when its key has no binary, and only then; builds for other versions are dropped', () => {
    expect(nativeCachePlan([], key)).toEqual({ build: true, remove: [] });
    expect(nativeCachePlan([{ key, hasBinary: true }], key)).toEqual({ build: false, remove: [] });
    expect(nativeCachePlan([{ key, hasBinary: false }], key)).toEqual({ build: true, remove: [] }); // a build cut short
    // better-sqlite3 upgraded: the old copy no longer fits and is dropped; so is one keyed by Electron alone.
    const upgraded = nativeBuildKey('45.4.1', '12.12.0');
    expect(
      nativeCachePlan(
        [
          { key, hasBinary: true },
          { key: '45.4.1', hasBinary: true },
        ],
        upgraded,
      ),
    ).toEqual({ build: true, remove: [key, '45.4.1'] });
  });
});
