import { join } from 'node:path';

// What `npm start` and `npm run dist` check before anything is compiled (scripts/check-electron.ts
// runs it): a Node.js that Electron 45's tools run on, and for `npm start` an Electron binary.
// Where a network blocks Electron's release downloads (common in China) the binary is missing and
// `electron .` would try to download it again and fail deep in a stack trace, after a minute of
// building. Pure functions of what was found, so the decisions are tested without a machine.

export type DevCommand = 'start' | 'dist';

/** electron, @electron/get and @electron/rebuild (Electron 45) ask for this Node.js or newer. */
export const ELECTRON_NODE = '22.12.0';

export const MIRROR = 'https://npmmirror.com/mirrors/electron/';

/** Whether `version` (`v20.20.2` or `20.20.2`) is at least `minimum`. */
export function nodeAtLeast(version: string, minimum: string): boolean {
  const parts = (v: string) =>
    v
      .replace(/^v/, '')
      .split('.')
      .map((n) => Number.parseInt(n, 10) || 0);
  const [have, need] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) !== (need[i] ?? 0)) return (have[i] ?? 0) > (need[i] ?? 0);
  }
  return true;
}

/**
 * Where `electron .` will look for the binary, as node_modules/electron/index.js decides: the
 * folder ELECTRON_OVERRIDE_DIST_PATH names, else node_modules/electron/dist, and in it the file
 * path.txt names (written once the binary was downloaded; `electron` when there is none).
 */
export function electronBinaryPath(electronDir: string, pathTxt: string | null, override: string | null): string {
  return override ? join(override, pathTxt || 'electron') : join(electronDir, 'dist', pathTxt || 'electron');
}

export interface CheckInput {
  command: DevCommand;
  platform: NodeJS.Platform;
  /** process.version */
  nodeVersion: string;
  /** node_modules/electron's version */
  electronVersion: string;
  /** ELECTRON_OVERRIDE_DIST_PATH, when set */
  override: string | null;
  /** whether the binary is where `electron .` will look */
  binaryPresent: boolean;
  binaryPath: string;
  /** the database `npm start` opens (electron/dev-paths.ts) */
  databasePath: string;
}

/** Downloading Electron through the mirror, as the platform's shell writes it (PowerShell on Windows). */
export function mirrorCommand(platform: NodeJS.Platform): string {
  return platform === 'win32'
    ? `$env:ELECTRON_MIRROR="${MIRROR}"; node node_modules\\electron\\install.js`
    : `ELECTRON_MIRROR=${MIRROR} node node_modules/electron/install.js`;
}

/** Nothing to say when all is well; otherwise the lines to print (the first says what is wrong) before exiting without building. */
export function electronCheck(input: CheckInput): string[] {
  const browserMode = `  Or use browser mode now, on the same database the app opens: npm run web -- --db "${input.databasePath}"`;
  const task = input.command === 'start' ? 'npm start' : 'npm run dist';
  if (!nodeAtLeast(input.nodeVersion, ELECTRON_NODE)) {
    return [
      `${task} needs Node.js ${ELECTRON_NODE} or newer (Electron ${input.electronVersion}'s tools ask for it); this is Node.js ${input.nodeVersion.replace(/^v/, '')}.`,
      '  Fix: install Node.js 22 LTS (22.12 or newer) and run it again. Browser mode and the tests run on Node.js 20.',
      // Packaging makes installers; browser mode makes none, so it is offered for npm start only.
      ...(input.command === 'start' ? [browserMode] : []),
    ];
  }
  // electron-builder fetches its own Electron for the installers (it honours ELECTRON_MIRROR too).
  if (input.command === 'dist' || input.binaryPresent) return [];
  const fix = `  Fix: download it from a mirror, ${mirrorCommand(input.platform)}, or set ELECTRON_OVERRIDE_DIST_PATH to the folder holding an Electron ${input.electronVersion} binary; then npm start again.`;
  const problem = input.override
    ? `ELECTRON_OVERRIDE_DIST_PATH is ${input.override}, but no Electron binary is there (looked for ${input.binaryPath}).`
    : `Electron ${input.electronVersion} is not installed: its binary could not be downloaded (a network that blocks Electron's release downloads does this).`;
  return [problem, fix, browserMode];
}
