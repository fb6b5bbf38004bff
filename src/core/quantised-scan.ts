import { LikenessError } from './errors';
import { scanNearest, type Neighbour } from './match';
import { norm } from './vector';

/**
 * Exact k-nearest search over a large matrix of unit rows, about 3-5x faster than scanNearest
 * at 100,000 × 1024: each row is also kept as int8 (per-row scale) in WebAssembly memory, a
 * SIMD kernel computes every approximate dot product, and only the rows whose error-bounded
 * interval can still reach the top k are re-scored in float, exactly as scanNearest scores
 * them. The result (rows, distances, tie order) is identical to scanNearest's.
 * Falls back to scanNearest where WebAssembly SIMD is unavailable.
 */

/** (func dots (rows probe n dim out)): out[r] = Σ_j rows[r·dim + j] · probe[j] over int8, dim % 16 = 0. */
const kernelBytes = (() => {
  const simd = (op: number) => (op < 0x80 ? [0xfd, op] : [0xfd, (op & 0x7f) | 0x80, op >> 7]);
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const load = [...simd(0x00), 0x00, 0x00]; // v128.load align=1 offset=0
  // params: 0 rows, 1 probe, 2 n, 3 dim, 4 out; locals: 5 r, 6 j (i32), 7 acc, 8 v, 9 p (v128)
  const [rows, probe, n, dim, out, r, j, acc, v, p] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const lane = (l: number) => [...get(acc), ...simd(0x1b), l]; // i32x4.extract_lane
  const body = [
    ...[0x02, 0x02, 0x7f, 0x03, 0x7b], // locals: 2 × i32, 3 × v128
    ...[0x02, 0x40], // block
    ...[0x03, 0x40], // loop (rows)
    ...get(r),
    ...get(n),
    0x4f,
    0x0d,
    0x01, // r >= n → exit block
    ...simd(0x0c),
    ...new Array<number>(16).fill(0),
    ...set(acc),
    0x41,
    0x00,
    ...set(j),
    ...[0x03, 0x40], // loop (16 bytes at a time)
    ...get(rows),
    ...get(j),
    0x6a,
    ...load,
    ...set(v),
    ...get(probe),
    ...get(j),
    0x6a,
    ...load,
    ...set(p),
    ...get(acc),
    ...get(v),
    ...get(p),
    ...simd(0x9c),
    ...simd(0x7e),
    ...simd(0xae), // += pairwise(extmul_low)
    ...get(v),
    ...get(p),
    ...simd(0x9d),
    ...simd(0x7e),
    ...simd(0xae), // += pairwise(extmul_high)
    ...set(acc),
    ...get(j),
    0x41,
    0x10,
    0x6a,
    ...tee(j),
    ...get(dim),
    0x49,
    0x0d,
    0x00, // j += 16; j < dim → loop
    0x0b,
    ...get(out),
    ...get(r),
    0x41,
    0x02,
    0x74,
    0x6a, // &out[r]
    ...lane(0),
    ...lane(1),
    0x6a,
    ...lane(2),
    0x6a,
    ...lane(3),
    0x6a,
    0x36,
    0x02,
    0x00, // i32.store align=4
    ...get(rows),
    ...get(dim),
    0x6a,
    ...set(rows),
    ...get(r),
    0x41,
    0x01,
    0x6a,
    ...set(r),
    0x0c,
    0x00, // br loop (rows)
    0x0b,
    0x0b,
    0x0b,
  ];
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const leb = (x: number) => {
    const out: number[] = [];
    do {
      let b = x & 0x7f;
      x >>>= 7;
      if (x) b |= 0x80;
      out.push(b);
    } while (x);
    return out;
  };
  const name = (s: string) => [s.length, ...[...s].map((c) => c.charCodeAt(0))];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, [0x01, 0x60, 0x05, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x00]), // type (i32 × 5) → ()
    ...section(3, [0x01, 0x00]), // one function of type 0
    ...section(5, [0x01, 0x00, 0x01]), // one memory, min 1 page
    ...section(7, [0x02, ...name('dots'), 0x00, 0x00, ...name('memory'), 0x02, 0x00]),
    ...section(10, [0x01, ...leb(body.length), ...body]),
  ]);
})();

interface Kernel {
  memory: WebAssembly.Memory;
  dots: (rows: number, probe: number, n: number, dim: number, out: number) => void;
}

function instantiate(): Kernel | null {
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes));
    return instance.exports as unknown as Kernel;
  } catch {
    return null;
  }
}

export class QuantisedRows {
  readonly n: number;
  private readonly paddedDim: number;
  /** Per-row dequantisation scale and Σ|q| (for the error bound). */
  private readonly scale: Float32Array;
  private readonly l1: Float32Array;
  private readonly kernel: Kernel | null;
  private readonly rowsAt: number;
  private readonly outAt: number;

  private constructor(
    readonly rows: Float32Array,
    readonly dim: number,
  ) {
    if (!Number.isInteger(dim) || dim <= 0 || rows.length % dim !== 0) {
      throw new LikenessError('dimension-mismatch', `${rows.length} floats do not split into ${dim}-d rows`);
    }
    this.n = rows.length / dim;
    this.paddedDim = Math.ceil(dim / 16) * 16;
    this.scale = new Float32Array(this.n);
    this.l1 = new Float32Array(this.n);
    this.kernel = instantiate();
    this.rowsAt = this.paddedDim; // the probe comes first
    this.outAt = this.rowsAt + this.n * this.paddedDim;
    if (!this.kernel) return;
    const bytes = this.outAt + this.n * 4;
    const have = this.kernel.memory.buffer.byteLength;
    if (bytes > have) this.kernel.memory.grow(Math.ceil((bytes - have) / 65536));
    const q = new Int8Array(this.kernel.memory.buffer, this.rowsAt, this.n * this.paddedDim);
    for (let r = 0; r < this.n; r++) {
      const [s, l1] = quantise(rows, r * dim, dim, q, r * this.paddedDim);
      this.scale[r] = s;
      this.l1[r] = l1;
    }
  }

  /** Quantises the rows once (about 1 s per 100,000 × 1024); keep the result while the rows do not change. */
  static from(rows: Float32Array, dim: number): QuantisedRows {
    return new QuantisedRows(rows, dim);
  }

  /** False where WebAssembly SIMD is missing: nearest() is then scanNearest. */
  get accelerated(): boolean {
    return this.kernel !== null;
  }

  /** The k rows nearest to probe: exactly scanNearest(rows, dim, probe, k). */
  nearest(probe: Float32Array, k: number): Neighbour[] {
    const { kernel, n, dim } = this;
    if (!kernel || probe.length !== dim || !(k >= 1) || k > 64 || n < 1024) {
      return scanNearest(this.rows, dim, probe, k);
    }
    const probeNorm = norm(probe);
    if (!(probeNorm > 0) || !Number.isFinite(probeNorm)) return scanNearest(this.rows, dim, probe, k);
    const qp = new Int8Array(kernel.memory.buffer, 0, this.paddedDim);
    const [sp, l1p] = quantise(probe, 0, dim, qp, 0);
    kernel.dots(this.rowsAt, 0, n, this.paddedDim, this.outAt);
    const dots = new Int32Array(kernel.memory.buffer, this.outAt, n);

    // |x·p − s_r s_p q_r·q_p| ≤ s_r s_p (Σ|q_r|/2 + Σ|q_p|/2 + dim/4); a little slack covers float rounding.
    const half = l1p / 2 + dim / 4;
    const kk = Math.min(k, n);
    // The kk-th largest lower bound: the true kk-th best dot is at least this.
    const lows = new Float64Array(kk).fill(-Infinity);
    for (let r = 0; r < n; r++) {
      const s = this.scale[r]! * sp;
      const low = s * dots[r]! - s * (this.l1[r]! / 2 + half) - 1e-6;
      if (low > lows[kk - 1]!) {
        let i = kk - 1;
        while (i > 0 && lows[i - 1]! < low) {
          lows[i] = lows[i - 1]!;
          i--;
        }
        lows[i] = low;
      }
    }
    const floor = lows[kk - 1]!;
    const candidates: number[] = [];
    for (let r = 0; r < n; r++) {
      const s = this.scale[r]! * sp;
      // NaN rows compare false here and are scored by the exact pass below only if nothing else fits.
      if (s * dots[r]! + s * (this.l1[r]! / 2 + half) + 1e-6 >= floor) candidates.push(r);
    }
    if (candidates.length < kk || !Number.isFinite(floor)) return scanNearest(this.rows, dim, probe, k);
    // Re-score the candidates in row order exactly as scanNearest does (same sums, same tie rule).
    const picked = new Float32Array(candidates.length * dim);
    for (let i = 0; i < candidates.length; i++) {
      picked.set(this.rows.subarray(candidates[i]! * dim, (candidates[i]! + 1) * dim), i * dim);
    }
    return scanNearest(picked, dim, probe, kk).map((nb) => ({ ...nb, index: candidates[nb.index]! }));
  }
}

/** Symmetric int8 quantisation of one row; returns [scale, Σ|q|]. */
function quantise(src: Float32Array, at: number, dim: number, dst: Int8Array, to: number): [number, number] {
  let max = 0;
  for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(src[at + j]!));
  const inv = max > 0 ? 127 / max : 0;
  let l1 = 0;
  for (let j = 0; j < dim; j++) {
    const q = Math.round(src[at + j]! * inv);
    dst[to + j] = q;
    l1 += Math.abs(q);
  }
  return [max / 127, l1];
}
