import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/reliability/ is minutes long: `npm run test:reliability` (vitest.reliability.config.ts).
    exclude: ['test/e2e/**', 'test/reliability/**', 'node_modules/**'],
    environment: 'node',
    // Each test file opens its own SQLite files; files run in parallel on both cores. Vitest's own
    // default is one fork fewer than the cores: on CI's two cores, one file at a time (7 min, not 4.7).
    pool: 'forks',
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 20000,
  },
});
