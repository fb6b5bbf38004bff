import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { BackendCause, BackendInfo, BackendName, BackendPreference } from './engine-protocol';

/** Renderer strings of GPUs emulated in software, where WASM is 15-20x faster than WebGL. */
const softwareRenderers = /swiftshader|llvmpipe|softpipe|basic render driver|software|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && softwareRenderers.test(renderer);
}

/** Reads the real renderer string without tfjs, so a software GPU is noticed before it is used. */
export function probeWebGlRenderer(): string | null {
  try {
    const canvas = new OffscreenCanvas(1, 1);
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = ext
      ? (gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) as string)
      : (gl.getParameter(gl.RENDERER) as string);
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

let wasmConfigured = false;

function configureWasm(threads: number): void {
  if (wasmConfigured) return;
  const base = `${import.meta.env.BASE_URL}wasm/`;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': `${base}tfjs-backend-wasm.wasm`,
    'tfjs-backend-wasm-simd.wasm': `${base}tfjs-backend-wasm-simd.wasm`,
    'tfjs-backend-wasm-threaded-simd.wasm': `${base}tfjs-backend-wasm-threaded-simd.wasm`,
  });
  if (threads > 1) setThreadsCount(threads);
  wasmConfigured = true;
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  if (name === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  try {
    // setBackend resolves false (it does not throw) when the backend cannot start.
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * WebGL when the GPU is real, WASM (SIMD, threaded when cross-origin isolated)
 * when it is emulated in software or missing, CPU last. `wasmThreads` caps the WASM thread
 * count (1 forces the single-threaded SIMD build); it only counts before WASM first starts.
 */
export async function chooseBackend(
  preference: BackendPreference,
  wasmThreads?: number,
): Promise<BackendInfo> {
  const renderer = probeWebGlRenderer();
  const softwareGpu = isSoftwareRenderer(renderer);
  const isolated = globalThis.crossOriginIsolated === true;
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const threads = isolated ? Math.max(1, Math.min(4, wasmThreads ?? cores)) : 1;
  // One thread: the plain SIMD build (no pthread pool, no SharedArrayBuffer), read when WASM first starts.
  if (threads === 1) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  configureWasm(threads);

  let order: BackendName[];
  let reason: string;
  let cause: BackendCause;
  if (preference !== 'auto') {
    order = [preference, ...(['wasm', 'webgl', 'cpu'] as const).filter((b) => b !== preference)];
    reason = `chosen by you`;
    cause = 'chosen';
  } else if (renderer === null) {
    order = ['wasm', 'cpu'];
    reason = 'no WebGL available';
    cause = 'no-webgl';
  } else if (softwareGpu) {
    order = ['wasm', 'webgl', 'cpu'];
    reason = `WebGL renderer is software (${renderer})`;
    cause = 'software-gpu';
  } else {
    order = ['webgl', 'wasm', 'cpu'];
    reason = `hardware GPU (${renderer})`;
    cause = 'hardware-gpu';
  }

  for (const name of order) {
    if (await trySetBackend(name)) {
      const fellBack = name !== order[0];
      const wasm = name === 'wasm';
      return {
        name,
        reason: fellBack ? `${order[0]} failed to start; ${reason}` : reason,
        cause,
        fellBackFrom: fellBack ? order[0]! : null,
        renderer,
        softwareGpu,
        simd: wasm ? await wasmFeature('WASM_HAS_SIMD_SUPPORT') : false,
        threads: wasm && (await wasmFeature('WASM_HAS_MULTITHREAD_SUPPORT')) ? threads : 1,
        crossOriginIsolated: isolated,
      };
    }
  }
  throw new Error('No tfjs backend could start (webgl, wasm and cpu all failed)');
}

async function wasmFeature(flag: string): Promise<boolean> {
  try {
    return Boolean(await tf.env().getAsync(flag));
  } catch {
    return false;
  }
}
