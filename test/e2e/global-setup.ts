import { join, resolve } from 'node:path';
import { bundleModule, bundleWebServer } from '../../scripts/bundle';

/** Where each test's browser-mode server runs from: bundled once per run (fixtures.ts starts it). */
export const SERVER_BUNDLE_DIR = resolve(import.meta.dirname, '../../.cache/e2e-server');

/**
 * Bundles browser mode once before the tests, as the app bundles its hosts: a test's server is
 * then ready in under half a second, not the two to three tsx takes to compile the tree in each of
 * its threads (some ninety servers a run). The past store's maker too (past-store.ts).
 * E2E_SERVER=tsx runs both from source instead.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.E2E_SERVER === 'tsx') return;
  await bundleWebServer(SERVER_BUNDLE_DIR);
  await bundleModule('test/e2e/past-store.ts', join(SERVER_BUNDLE_DIR, 'past-store.mjs'));
}
