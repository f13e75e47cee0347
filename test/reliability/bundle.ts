import { createRequire } from 'node:module';
import { build } from 'esbuild';

const require = createRequire(import.meta.url);

/**
 * `entry` bundled into one ES module plain Node starts in a fraction of the time tsx takes to
 * compile the services again (about 0.5 s against 2 s here, a hundred times over in the crash
 * test). better-sqlite3 stays outside, imported from this checkout by its full path, so the
 * bundle runs from any folder.
 */
export async function bundleForNode(entry: string, outfile: string): Promise<string> {
  const sqlite = require.resolve('better-sqlite3');
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [
      { name: 'native-sqlite', setup: (b) => b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true })) },
    ],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    logLevel: 'error',
  });
  return outfile;
}
