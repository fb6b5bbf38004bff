import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { copyAssets } from './build/assets.ts';
import { pwaOptions } from './build/pwa.ts';

/** Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer). */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

function selfHostedModels(): Plugin {
  return {
    name: 'likeness:self-hosted-models',
    config() {
      copyAssets(resolve(import.meta.dirname, 'public'));
    },
  };
}

export default defineConfig({
  plugins: [selfHostedModels(), react(), VitePWA(pwaOptions)],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    // tfjs-backend-wasm starts its pthreads from the source text of one function: mangling
    // top-level names breaks that function once it runs on its own ("e is not defined").
    rolldownOptions: { output: { minify: { compress: false, mangle: false } } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
});
