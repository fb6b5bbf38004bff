/**
 * The models that do not ship with the app (build/assets.ts 'on-demand') are fetched from its own
 * origin when first chosen and kept in one Cache Storage cache. The service worker serves the same
 * cache first (src/pwa/sw.ts), and it outlives service-worker updates; "Delete all my data" removes
 * it with every other cache. Usable from the window, the workers and the service worker.
 */
import { LikenessError } from '../core/errors';

export const modelCacheName = 'likeness-models';

const cacheStorage = (): CacheStorage | undefined => globalThis.caches;

/**
 * The file from the model cache, else from the network (then stored). Works whether or not a
 * service worker controls the page (a first visit is not controlled yet, and neither is `vite dev`).
 */
export async function cachedFetch(input: RequestInfo | URL): Promise<Response> {
  const url = input instanceof Request ? input.url : String(input);
  const storage = cacheStorage();
  const cache = storage ? await storage.open(modelCacheName) : null;
  const hit = await cache?.match(url);
  if (hit) return hit;
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new LikenessError(
      'model-load-failed',
      'This model is not stored on this device yet: connect to the internet once to download it.',
    );
  }
  if (!response.ok) throw new LikenessError('model-load-failed', `${url}: HTTP ${response.status}`);
  await cache?.put(url, response.clone());
  return response;
}

/** Whether every one of `urls` is in the model cache (false where there is no Cache Storage). */
export async function areStored(urls: readonly string[]): Promise<boolean> {
  const storage = cacheStorage();
  if (!storage || !(await storage.has(modelCacheName))) return false;
  const cache = await storage.open(modelCacheName);
  const hits = await Promise.all(urls.map((url) => cache.match(url)));
  return hits.every(Boolean);
}
