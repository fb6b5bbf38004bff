/**
 * The app's Content-Security-Policy: everything from its own origin, no inline script, no eval.
 * Sent as a header by `vite preview` (vite.config.ts) and written as a <meta http-equiv> into the
 * built index.html, for hosts that cannot set headers.
 *
 * The relaxations, each needed by something the app runs:
 * - `script-src 'wasm-unsafe-eval'`: compiling the tfjs WASM binaries and the WebP decoder (WebAssembly)
 *   needs it; it allows WebAssembly compilation only, not eval() or new Function().
 * - In the engine's workers only (`workerCsp`, the header on the worker scripts): `worker-src blob:`
 *   and `script-src blob:`. tfjs-backend-wasm's threaded build (a cross-origin isolated page whose
 *   one engine worker runs WASM with several threads) starts each pthread as a Blob URL worker that
 *   importScripts() a Blob URL of the engine's own code. A worker's policy is the one sent with
 *   its script, and the page's own policy keeps both at 'self'.
 * - `style-src 'unsafe-inline'`: plotly writes `style` attributes with setAttribute and adds its
 *   own <style> element for its modebar and hover labels; without it the charts lose their layout.
 *   Inline styles cannot run script.
 * - `img-src blob: data:`: thumbnails and photos are shown from Blob URLs of stored images; plotly's
 *   "download as PNG" draws an SVG data URL.
 */
export const cspDirectives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'img-src': ["'self'", 'blob:', 'data:'],
  'media-src': ["'self'", 'blob:'],
  'style-src': ["'self'", "'unsafe-inline'"],
  'font-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  // Header only: a <meta> policy cannot set frame-ancestors (browsers ignore it there).
  'frame-ancestors': ["'none'"],
};

const headerOnly = new Set(['frame-ancestors']);

function serialise(directives: Record<string, string[]>, keep: (name: string) => boolean): string {
  return Object.entries(directives)
    .filter(([name]) => keep(name))
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy as the preview server's `Content-Security-Policy` header. */
export const cspHeader = serialise(cspDirectives, () => true);

/** The header on the workers' scripts: the page's, plus Blob URL pthreads for threaded WASM. */
export const workerCsp = serialise(
  {
    ...cspDirectives,
    'script-src': [...cspDirectives['script-src']!, 'blob:'],
    'worker-src': [...cspDirectives['worker-src']!, 'blob:'],
  },
  () => true,
);

/** The built workers' entry scripts (src/engine/worker.ts, src/importer/worker.ts, the bench's reference worker). */
export const isWorkerScript = (path: string): boolean =>
  /^\/assets\/([a-z-]+-)?worker-[\w-]+\.js$/.test(path);

/** The policy for `<meta http-equiv="Content-Security-Policy">`: the header without what meta cannot carry. */
export const cspMeta = serialise(cspDirectives, (name) => !headerOnly.has(name));
