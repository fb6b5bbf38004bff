import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { copyAssets } from './build/assets.ts';
import { cspHeader, cspMeta, isWorkerScript, workerCsp } from './build/csp.ts';
import { pwaOptions } from './build/pwa.ts';

/** Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer). */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The Content-Security-Policy (build/csp.ts): a header on every response of `vite preview` (the
 * workers' scripts get theirs), and a <meta> in the built index.html for hosts that set no headers.
 * The dev server is left without it: React's fast refresh needs an inline script there.
 */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'likeness:content-security-policy',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '/').split('?')[0]!;
        res.setHeader('Content-Security-Policy', isWorkerScript(path) ? workerCsp : cspHeader);
        next();
      });
    },
    transformIndexHtml: (_html, context) =>
      context.server
        ? []
        : [
            {
              tag: 'meta',
              attrs: { 'http-equiv': 'Content-Security-Policy', content: cspMeta },
              injectTo: 'head-prepend',
            },
          ],
  };
}

function selfHostedModels(): Plugin {
  return {
    name: 'likeness:self-hosted-models',
    config() {
      copyAssets(resolve(import.meta.dirname, 'public'));
    },
  };
}

export default defineConfig({
  plugins: [selfHostedModels(), contentSecurityPolicy(), react(), VitePWA(pwaOptions)],
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
