import type { BackendInfo, BackendName } from '../../engine/engine-protocol';

/** What the engine bar says about a backend, for someone who has never heard of tfjs. */
export interface EngineWords {
  /** "Running on the CPU (WebAssembly, 2 workers)". */
  where: string;
  /** "no hardware GPU found: this browser draws graphics in software". */
  why: string;
}

const plainName: Record<BackendName, string> = {
  webgl: 'the GPU (WebGL)',
  wasm: 'WebAssembly',
  cpu: 'plain JavaScript',
};

function parallelism(backend: BackendInfo, workers: number): string {
  if (workers > 1) return `${workers} workers`;
  return `${backend.threads} thread${backend.threads === 1 ? '' : 's'}`;
}

function where(backend: BackendInfo, workers: number): string {
  switch (backend.name) {
    case 'webgl':
      return backend.softwareGpu
        ? 'Running on WebGL, which this browser emulates in software (slow)'
        : 'Running on the GPU (WebGL)';
    case 'wasm':
      return `Running on the CPU (WebAssembly${backend.simd ? '' : ' without SIMD'}, ${parallelism(backend, workers)})`;
    case 'cpu':
      return 'Running on the CPU (plain JavaScript, the slowest way)';
  }
}

function why(backend: BackendInfo): string {
  if (backend.fellBackFrom && backend.cause !== 'context-lost')
    return `${plainName[backend.fellBackFrom]} could not start here`;
  switch (backend.cause) {
    case 'chosen':
      return 'as chosen in Backend';
    case 'no-webgl':
      return 'this browser offers no WebGL, so no GPU can be used';
    case 'software-gpu':
      return 'no hardware GPU found: this browser draws graphics in software, and WebAssembly is faster';
    case 'hardware-gpu':
      return 'a hardware GPU was found';
    case 'context-lost':
      return 'the WebGL context was lost (a GPU reset or lack of GPU memory), so the work moved to the CPU';
  }
}

export function engineWords(backend: BackendInfo, workers: number): EngineWords {
  return { where: where(backend, workers), why: why(backend) };
}
