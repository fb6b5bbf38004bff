import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../engine/engine-protocol';
import { engineWords } from './engine-words';

const swiftShader =
  'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)';
const backend = (b: Partial<BackendInfo>): BackendInfo => ({
  name: 'wasm',
  reason: '',
  cause: 'software-gpu',
  fellBackFrom: null,
  renderer: swiftShader,
  softwareGpu: true,
  simd: true,
  threads: 1,
  crossOriginIsolated: true,
  ...b,
});

describe('engineWords', () => {
  it('says WASM on a software renderer in plain words, without the renderer string', () => {
    const words = engineWords(backend({}), 2);
    expect(words.where).toBe('Running on the CPU (WebAssembly, 2 workers)');
    expect(words.why).toMatch(/^no hardware GPU found/);
    expect(`${words.where} ${words.why}`).not.toContain('SwiftShader');
  });

  it('counts threads when one worker runs them', () => {
    expect(engineWords(backend({ threads: 4 }), 1).where).toBe('Running on the CPU (WebAssembly, 4 threads)');
    expect(engineWords(backend({ simd: false }), 1).where).toBe(
      'Running on the CPU (WebAssembly without SIMD, 1 thread)',
    );
  });

  it('a real GPU, an emulated one chosen by hand, and plain JavaScript', () => {
    const gpu = engineWords(
      backend({ name: 'webgl', cause: 'hardware-gpu', softwareGpu: false, renderer: 'ANGLE (NVIDIA)' }),
      1,
    );
    expect(gpu).toEqual({ where: 'Running on the GPU (WebGL)', why: 'a hardware GPU was found' });
    const emulated = engineWords(backend({ name: 'webgl', cause: 'chosen' }), 1);
    expect(emulated.where).toMatch(/emulates in software/);
    expect(emulated.why).toBe('as chosen in Backend');
    expect(engineWords(backend({ name: 'cpu', cause: 'chosen' }), 2).where).toMatch(/plain JavaScript/);
  });

  it('names the backend that failed, and a lost WebGL context', () => {
    expect(engineWords(backend({ cause: 'hardware-gpu', fellBackFrom: 'webgl' }), 2).why).toBe(
      'the GPU (WebGL) could not start here',
    );
    expect(engineWords(backend({ cause: 'context-lost', fellBackFrom: 'webgl' }), 2).why).toMatch(
      /^the WebGL context was lost/,
    );
    expect(engineWords(backend({ cause: 'no-webgl', renderer: null }), 1).why).toMatch(/no WebGL/);
  });
});
