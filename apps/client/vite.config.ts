// Vite for the browser client. `@arena/source` comes first so @arena/shared is compiled from
// its TypeScript source (no build of shared needed first), exactly as the typecheck sees it.
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';
import { devConfig } from './vite-dev.ts';

export default defineConfig({
  resolve: {
    conditions: ['@arena/source', ...defaultClientConditions],
  },
  ...devConfig(),
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Phaser alone is ~1.2 MB minified; one chunk is fine for a game that needs all of it.
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      // basics.html lives in public/ and is copied verbatim (its inline script must stay free
      // of any build step); index.html is the one page that is bundled.
      input: { main: fileURLToPath(new URL('./index.html', import.meta.url)) },
    },
  },
});
