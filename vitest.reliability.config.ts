import { defineConfig } from 'vitest/config';

// `npm run test:reliability` (issue 18): the crash and fuzz runs of test/reliability/, minutes
// long, so kept out of `npm run test:unit`. Each file starts its own processes on its own files;
// the two run side by side, one per core.
export default defineConfig({
  test: {
    include: ['test/reliability/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 600_000,
  },
});
