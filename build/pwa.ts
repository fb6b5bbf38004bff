/**
 * The installable, offline app: manifest and a service worker that precaches what the default
 * pipeline needs, so the app, its models, the WASM binaries and the sample work offline. The other
 * built-in models are cached when first chosen (src/storage/model-files.ts).
 */
import type { ManifestTransform } from 'workbox-build';
import type { VitePWAOptions } from 'vite-plugin-pwa';
import { served } from './assets.ts';

export const themeColor = '#1f3a5f';

/**
 * App shell (html, icons, every built chunk including the workers and the lazily loaded plotly
 * chunk, the sample images and their licence) plus exactly the default pipeline's model and WASM
 * files of build/assets.ts.
 */
export const precachePatterns = [
  '*.{html,svg,png,json}',
  'assets/**/*.{js,css,png,md,json,wasm}',
  ...served('precache'),
];

/**
 * Keeps each file's size in its manifest entry (workbox drops its own `size`), so the service
 * worker can report bytes stored against the total while a first visit downloads.
 */
export const keepSizes: ManifestTransform = async (entries) => ({
  manifest: entries.map((e) => ({ ...e, bytes: e.size })),
  warnings: [],
});

export const pwaOptions: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  // Our own worker (src/pwa/sw.ts), so that it can report its progress.
  strategies: 'injectManifest',
  srcDir: 'src/pwa',
  filename: 'sw.ts',
  // The app registers through virtual:pwa-register/react (src/ui/PwaStatus.tsx).
  injectRegister: false,
  // The icons are precached by precachePatterns already.
  includeManifestIcons: false,
  manifest: {
    name: 'Likeness',
    short_name: 'Likeness',
    description: 'Face recognition that runs entirely in your browser. No image leaves your device.',
    theme_color: themeColor,
    background_color: '#f5f7fa',
    display: 'standalone',
    start_url: '/',
    icons: [
      { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
      { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
      { src: 'maskable-icon-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml' },
    ],
  },
  injectManifest: {
    globPatterns: precachePatterns,
    // `npm run bench`'s face-api reference worker (in the bench build only) is not part of the app.
    globIgnores: ['**/reference-worker-*.js'],
    // fr_feature.bin is 4.5 MB; the default limit is 2 MiB.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    manifestTransforms: [keepSizes],
  },
};
