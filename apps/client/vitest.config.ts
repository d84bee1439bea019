// Unit tests of the client's plain logic (no DOM, no Phaser): they run in Node.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  ssr: { resolve: { conditions: ['@arena/source'] } },
  test: { include: ['test/**/*.test.ts'] },
});
