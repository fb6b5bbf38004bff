// @ts-check
// npm run bench:match [-- --rows 100000 --dim 512 --probes 20 --k 5]
// Times one probe against N stored unit embeddings in plain Node with src/core/nearest-rows.ts
// scanNearest, the scan the app's matching worker runs at every size (k nearest images over every
// enrolment embedding), checks it against a brute-force sort on the first probe, and prints
// median / min / max ms per probe as JSON.
import { register } from 'tsx/esm/api';
import { parseArgs, round } from './harness.mjs';

register();
const { scanNearest } = await import('../src/core/nearest-rows.ts');

const args = parseArgs(process.argv.slice(2), { rows: 'value', dim: 'value', probes: 'value', k: 'value' });
const n = Number(args.rows ?? 100_000);
const dim = Number(args.dim ?? 512);
const probes = Number(args.probes ?? 20);
const k = Number(args.k ?? 5);

// Face-like data: people of 20 noisy unit embeddings each, probes are new noisy views of them.
let seed = 42;
const rnd = () => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 2 ** 32 - 0.5;
};
const people = Math.max(1, Math.floor(n / 20));
const centres = Float32Array.from({ length: people * dim }, rnd);
/** @param {Float32Array} out @param {number} at @param {number} c */
const noisyUnit = (out, at, c) => {
  let s = 0;
  for (let j = 0; j < dim; j++) {
    const v = /** @type {number} */ (centres[c * dim + j]) + 0.8 * rnd();
    out[at + j] = v;
    s += v * v;
  }
  s = Math.sqrt(s);
  for (let j = 0; j < dim; j++) out[at + j] /= s;
};
const rows = new Float32Array(n * dim);
for (let r = 0; r < n; r++) noisyUnit(rows, r * dim, r % people);

/** @param {number[]} xs */
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(s[s.length >> 1], 1), min: round(s[0], 1), max: round(s[s.length - 1], 1) };
};

const scan = [];
let agrees = false;
for (let i = 0; i < probes + 1; i++) {
  const probe = new Float32Array(dim);
  noisyUnit(probe, 0, (i * 7919) % people);
  const t0 = performance.now();
  const nearest = scanNearest(rows, dim, probe, k);
  const ms = performance.now() - t0;
  if (i > 0) scan.push(ms);
  else {
    // The first probe (also the warm-up) against every row's distance, sorted.
    const all = Array.from({ length: n }, (_, r) => {
      let s = 0;
      for (let j = 0; j < dim; j++)
        s += /** @type {number} */ (rows[r * dim + j] - /** @type {number} */ (probe[j])) ** 2;
      return { index: r, distance: Math.sqrt(s) };
    }).sort((a, b) => a.distance - b.distance);
    agrees = nearest.every(
      (nb, j) => nb.index === all[j]?.index && Math.abs(nb.distance - all[j].distance) < 1e-4,
    );
  }
}
const load = (await import('node:os')).loadavg().map((x) => round(x, 2));
console.log(
  JSON.stringify(
    { rows: n, dim, k, probes, scanNearestMs: stats(scan), agreesWithBruteForce: agrees, loadAverage: load },
    null,
    2,
  ),
);
if (!agrees) process.exit(1);
