import { build, type BuildOptions } from 'esbuild';
import { join } from 'node:path';

// Code run under plain Node as the app runs it: bundled as ES modules, better-sqlite3 left to
// Node's resolution (so a bundle must sit inside the checkout: .cache/).
const esm: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['better-sqlite3', 'tsx'],
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  logLevel: 'error',
};

/** An entry bundled as one ES module for a worker thread or a child process, as the app bundles its services' host. */
export async function bundleModule(entry: string, outfile: string): Promise<string> {
  await build({ ...esm, entryPoints: [entry], outfile });
  return outfile;
}

/**
 * Browser mode (electron/web.ts) bundled: the server and the three thread entries it starts (the
 * services, the side host, the rewrite) side by side in `outDir`, where electron/backend/worker.ts
 * finds them by name. `node <outDir>/web.mjs` is ready in under half a second where tsx took two
 * to three (tsx transpiles the tree again in each thread): the e2e tests start a server per test.
 */
export async function bundleWebServer(outDir: string): Promise<string> {
  await build({
    ...esm,
    entryPoints: {
      web: 'electron/web.ts',
      'worker-entry': 'electron/backend/worker-entry.ts',
      'side-entry': 'electron/backend/side-entry.ts',
      'rekey-entry': 'electron/backend/rekey-entry.ts',
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
  });
  return join(outDir, 'web.mjs');
}
