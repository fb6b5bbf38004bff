/// <reference lib="webworker" />
/**
 * The service worker: precaches what the default pipeline and the pages need (build/pwa.ts lists it)
 * and says how far it has got, so a first visit can show its download and when it is done. The other
 * built-in models are served cache-first from their own cache (storage/model-files.ts), which
 * outlives updates of this worker. Otherwise it does what vite-plugin-pwa's generated worker did:
 * serve the precache, fall back to index.html for navigations, drop outdated precaches, and wait for
 * "Reload" to take over.
 */
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { modelCacheName } from '../storage/model-files';
import { offlineChannel, type OfflineMessage } from './offline-protocol';

declare const self: ServiceWorkerGlobalScope;

/** Replaced at build time; each entry carries its size in bytes (build/pwa.ts keepSizes). */
const manifest = self.__WB_MANIFEST as (PrecacheEntry & { bytes?: number })[];
const bytesOf = new Map(manifest.map((e) => [new URL(e.url, self.location.href).href, e.bytes ?? 0]));
const totalBytes = [...bytesOf.values()].reduce((a, b) => a + b, 0);
const stored = new Set<string>();
let bytes = 0;
const channel = new BroadcastChannel(offlineChannel);

function progress(): OfflineMessage {
  const counts = { files: stored.size, totalFiles: bytesOf.size, bytes, totalBytes };
  return { type: stored.size >= bytesOf.size ? 'precache-done' : 'precache-progress', ...counts };
}

channel.onmessage = (event: MessageEvent<OfflineMessage>) => {
  if (event.data?.type === 'precache-ask' && stored.size > 0) channel.postMessage(progress());
};

addPlugins([
  {
    // Called once per file during install, whether it was fetched or already stored.
    handlerDidComplete: async ({ request, event, error }) => {
      if (event?.type !== 'install' || error) return;
      const url = new URL(request.url).href;
      if (stored.has(url) || !bytesOf.has(url)) return;
      stored.add(url);
      bytes += bytesOf.get(url)!;
      channel.postMessage(progress());
    },
  },
]);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));
// Registered after the precache's route, so this serves only the models that are not precached.
registerRoute(
  ({ url }) => url.origin === self.location.origin && url.pathname.includes('/models/'),
  new CacheFirst({ cacheName: modelCacheName }),
);
