// Bundles the Electron main process, the preload and the services' utility process (the backend
// host main forks and relays to: electron/backend/) into CommonJS files. The preload must be one
// self-contained file because it runs sandboxed; native and electron modules stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron', 'better-sqlite3'],
  sourcemap: true,
  logLevel: 'warning',
};

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist-electron/main.cjs' });
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist-electron/preload.cjs' });
await build({ ...common, entryPoints: ['electron/backend/utility-entry.ts'], outfile: 'dist-electron/backend.cjs' });
// The side host the utility process starts in a worker thread for the long calls (host.ts).
await build({ ...common, entryPoints: ['electron/backend/side-entry.ts'], outfile: 'dist-electron/backend-side.cjs' });
// The thread that rewrites the store file when encryption is turned on or its passphrase changed (rewrite.ts).
await build({ ...common, entryPoints: ['electron/backend/rekey-entry.ts'], outfile: 'dist-electron/backend-rekey.cjs' });
