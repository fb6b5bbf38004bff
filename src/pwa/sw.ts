/// <reference lib="webworker" />
/**
 * The service worker: precaches everything a recognition run needs (build/pwa.ts lists it) and
 * says how far it has got, so a first visit can show its 35 MiB download and when it is done.
 * Otherwise it does what vite-plugin-pwa's generated worker did: serve the precache, fall back to
 * index.html for navigations, drop outdated caches, and wait for "Reload" to take over.
 */
import {
  addPlugins,
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import type { PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { offlineChannel, type OfflineMessage } from './protocol';

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
