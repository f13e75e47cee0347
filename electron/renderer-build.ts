import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Browser mode serves the built renderer; build it when it is missing or older than its
 * sources, so `npm run web` after a pull never serves a stale page.
 */
export async function ensureRendererBuilt(root = process.cwd()): Promise<string> {
  const out = resolve(root, 'dist/renderer');
  let builtAt = 0;
  try {
    builtAt = statSync(join(out, 'index.html')).mtimeMs;
  } catch {
    builtAt = 0;
  }
  const sourcesAt = Math.max(newestMtime(resolve(root, 'renderer')), newestMtime(resolve(root, 'shared')));
  if (builtAt < sourcesAt) {
    console.error('Building the renderer…');
    execFileSync(process.execPath, [resolve(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return out;
}
