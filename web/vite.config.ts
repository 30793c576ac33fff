import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { chunkGroups } from './build/chunks.js';
import { compressAssets } from './build/compressAssets.js';
import { firstScreenPreloads } from './build/preloads.js';
import { serviceWorker } from './build/serviceWorker.js';

/** The API server the dev server forwards /api to (see the README: PORT of `npm run start -w server`). */
const apiTarget = process.env.PARTA_API ?? 'http://localhost:3100';
const chunks = chunkGroups();

export default defineConfig({
  // serviceWorker: /sw.js, the installable app's worker, with the list of this build's files (build/serviceWorker.ts).
  // compressAssets: the .br and .gz copies of the build that the server sends (server/src/http/webApp.ts).
  // firstScreenPreloads: what the server names in the page for a first screen (build/preloads.ts).
  plugins: [react(), chunks.plugin, serviceWorker(), compressAssets(), firstScreenPreloads()],
  // The server replaces this placeholder in index.html with a fresh nonce per response (server/src/http/securityHeaders.ts).
  html: { cspNonce: '__PARTA_CSP_NONCE__' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // A first screen in a few files, not sixty (build/chunks.ts); the screens load on demand (app/AppRoutes.tsx).
        codeSplitting: { groups: chunks.groups },
      },
    },
  },
  server: {
    proxy: {
      '/api': {
        target: apiTarget,
        changeOrigin: true,
        // The server's Origin check expects its own origin on state-changing requests.
        configure: (proxy) => {
          proxy.on('proxyReq', (req) => req.setHeader('origin', apiTarget));
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    setupFiles: ['./src/test/setup.ts'],
    css: false,
    // Mantine in jsdom is slow on a busy two-core machine; a click-through test takes seconds.
    testTimeout: 20_000,
  },
});
