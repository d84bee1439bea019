import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@arena/source'] } },
  test: {
    include: ['integration/**/*.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Each file starts its own servers on port 0; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
