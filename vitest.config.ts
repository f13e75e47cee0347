import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/reliability/ is minutes long: `npm run test:reliability` (vitest.reliability.config.ts).
    exclude: ['test/e2e/**', 'test/reliability/**', 'node_modules/**'],
    environment: 'node',
    // Each test file opens its own SQLite files; files run in parallel on both cores.
    pool: 'forks',
    testTimeout: 20000,
  },
});
