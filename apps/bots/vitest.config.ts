import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@arena/source'] } },
  test: { include: ['test/**/*.test.ts'] },
});
