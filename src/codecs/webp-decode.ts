import { orientRgba, scaledSize, type Rgba } from './rgba';
import { fileReader } from './png-decode';

/**
 * Large lossy WebPs, decoded at the size the app needs without a full-size intermediate. Chromium's
 * own WebP decoder (createImageBitmap, ImageDecoder) always decodes whole, whatever size it is asked
 * for: 200 MB for 50 MP. libwebp itself can scale while it decodes (`use_scaling`): a lossy (VP8)
 * picture is then decoded a few macroblock rows at a time into the small output. webp-scaled.wasm is
 * libwebp's decoder built for WebAssembly with no imports (native/webp/, rebuilt by its build.sh).
 *
 * A lossless (VP8L) WebP is not helped: its backward references reach any earlier pixel, so libwebp
 * keeps the whole ARGB picture in any case, and the browser does that faster. decodeWebpScaled
 * returns null for one, and the caller leaves it to the browser.
 */

interface WebpExports {
  memory: WebAssembly.Memory;
  lk_alloc(bytes: number): number;
  lk_free(pointer: number): void;
  lk_features(data: number, size: number, info: number): number;
  lk_decode_scaled(data: number, size: number, width: number, height: number, out: number): number;
}

/** libwebp's VP8StatusCode names, for the error message. */
const statusNames = [
  'ok',
  'out of memory',
  'invalid parameter',
  'bitstream error',
  'unsupported feature',
  'suspended',
  'user abort',
  'not enough data',
];

/** The decoder itself could not be loaded (offline before it was cached, a host that lacks it). */
export class WebpDecoderUnavailable extends Error {}

let compiled: Promise<WebAssembly.Module> | null = null;

/**
 * The compiled decoder, fetched once from the app's own origin (precached by the service worker).
 * Compiled from its bytes, not streamed: compileStreaming refuses a host that serves .wasm without
 * the application/wasm type, and 152 KB compile in milliseconds.
 */
function decoderModule(): Promise<WebAssembly.Module> {
  compiled ??= (async () => {
    const response = await fetch(new URL('./webp-scaled.wasm', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return WebAssembly.compile(await response.arrayBuffer());
  })().catch((error: unknown) => {
    compiled = null;
    throw new WebpDecoderUnavailable(`WebP decoder could not be loaded: ${String(error)}`);
  });
  return compiled;
}

/**
 * Decodes a lossy WebP straight to at most `maxSide` on its longer side, oriented as `orientation`
 * (its EXIF) says. Each call gets its own instance, so the memory it grew to (the file, the output
 * and libwebp's rows: about 20 MB for a 14 MB, 50 MP photo) goes when the call returns; WebAssembly
 * memory never shrinks. Null for a lossless WebP (see above). `module` is for tests outside a browser.
 */
export async function decodeWebpScaled(
  blob: Blob,
  maxSide: number,
  orientation = 1,
  module?: WebAssembly.Module,
): Promise<Rgba | null> {
  const instance = await WebAssembly.instantiate(module ?? (await decoderModule()), {});
  const wasm = instance.exports as unknown as WebpExports;
  const data = wasm.lk_alloc(blob.size);
  const info = wasm.lk_alloc(16);
  if (!data || !info) throw new Error(`WebP decoder: no memory for a ${blob.size}-byte file`);
  const file = fileReader(blob);
  for (let at = 0, bytes = await file.read(); bytes; at += bytes.length, bytes = await file.read())
    new Uint8Array(wasm.memory.buffer, data + at, bytes.length).set(bytes);
  const fail = (status: number) => new Error(`WebP decoder: ${statusNames[status] ?? `status ${status}`}`);
  const featureStatus = wasm.lk_features(data, blob.size, info);
  if (featureStatus !== 0) throw fail(featureStatus);
  const [width, height, , format] = new Int32Array(wasm.memory.buffer, info, 4);
  if (format === 2) return null;
  const out = scaledSize(width!, height!, maxSide);
  const pixels = wasm.lk_alloc(out.width * out.height * 4);
  if (!pixels) throw new Error(`WebP decoder: no memory for a ${out.width} × ${out.height} output`);
  const status = wasm.lk_decode_scaled(data, blob.size, out.width, out.height, pixels);
  if (status !== 0) throw fail(status);
  const rgba = new Uint8ClampedArray(out.width * out.height * 4);
  rgba.set(new Uint8Array(wasm.memory.buffer, pixels, rgba.length));
  return orientRgba({ data: rgba, ...out }, orientation);
}
