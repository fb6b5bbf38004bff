import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { assets, copyAssets, served, sourcesOf } from './build/assets.ts';
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

/**
 * The models and WASM binaries (build/assets.ts): the app's into public/, with each on-demand model
 * file's size for the model picker ("Download 6.7 MB"); the bench build (`--mode bench`) also emits
 * face-api's reference nets, which no other build serves.
 */
function selfHostedModels(mode: string): Plugin {
  return {
    name: 'likeness:self-hosted-models',
    config() {
      const bytes = copyAssets(resolve(import.meta.dirname, 'public'));
      const onDemand = served('on-demand').map((to) => [to.replace(/^models\//, ''), bytes[to]]);
      return { define: { __MODEL_FILE_BYTES__: JSON.stringify(Object.fromEntries(onDemand)) } };
    },
    generateBundle() {
      if (mode !== 'bench') return;
      const bench = assets.filter((a) => a.ship === 'bench');
      sourcesOf(bench).forEach((from, i) =>
        this.emitFile({ type: 'asset', fileName: bench[i]!.to, source: readFileSync(from) }),
      );
    },
  };
}

/**
 * `--mode automation` (the e2e tests, `npm run evaluate`) and `--mode bench` (`npm run bench`) build
 * the app with window.likeness (src/automation.ts); the bench build adds face-api's reference
 * pipeline. A plain build has neither.
 */
export default defineConfig(({ mode }) => ({
  plugins: [selfHostedModels(mode), contentSecurityPolicy(), react(), VitePWA(pwaOptions)],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: {
    format: 'es',
    // tfjs-backend-wasm starts its pthreads from the source text of one function: mangling
    // top-level names breaks that function once it runs on its own ("e is not defined").
    rolldownOptions: { output: { minify: { compress: false, mangle: false } } },
  },
  build: { target: 'es2022', chunkSizeWarningLimit: 5000 },
}));
