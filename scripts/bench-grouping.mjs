// @ts-check
// node scripts/bench-grouping.mjs [--sizes 1000,10000,50000] [--dim 512] [--no-build] [--reps 1]
//
// Times grouping alone in the app (no photos): synthetic unit face vectors (people of 20 faces,
// each a noisy view of its person, about 0.6 cosine apart within a person, 0 between), made in the
// page, then the engine's exact neighbour graph over its workers (the blocked matrix products of
// src/engine/knn.ts) and core/library/grouping.ts in the engine worker with the app's own settings
// (libraryGrouping), as "Your photos" runs them.
// Prints, per size, the seconds for the graph, for the grouping and in all, the workers and backend,
// and the groups found against the people made (as B-cubed F).
import { register } from 'tsx/esm/api';
import { openApp, parseArgs, round } from './harness.mjs';

register();
const { libraryGrouping } = await import('../src/core/library/grouping.ts');
const { k, minSimilarity, ...groupingOptions } = libraryGrouping;

const args = parseArgs(process.argv.slice(2), {
  sizes: 'value',
  dim: 'value',
  'no-build': 'flag',
  reps: 'value',
  'out-dir': 'value',
});
const sizes = String(args.sizes ?? '1000,10000,50000')
  .split(',')
  .map(Number);
const dim = Number(args.dim ?? 512);
const reps = Number(args.reps ?? 1);

const { page, close } = await openApp({ build: !args['no-build'], outDir: args['out-dir'] });
try {
  const engine = await page.evaluate(() => window.likeness?.snapshot().engine);
  const rows = [];
  for (const n of sizes) {
    for (let rep = 0; rep < reps; rep++) {
      const row = await page.evaluate(async ([n, dim, k, minSimilarity, options]) => {
        const likeness = window.likeness;
        if (!likeness) throw new Error('The app exposes no automation');
        let seed = 42;
        const gauss = () => {
          // Box-Muller on a small LCG: the same vectors every run.
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          const u = (seed + 1) / 2 ** 32;
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          const v = seed / 2 ** 32;
          return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        };
        const perPerson = 20;
        const people = Math.ceil(n / perPerson);
        const bytes = n * dim * 4;
        const vectors = new Float32Array(
          crossOriginIsolated ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
        );
        const centre = new Float32Array(dim);
        for (let p = 0; p < people; p++) {
          for (let d = 0; d < dim; d++) centre[d] = gauss() / Math.sqrt(dim);
          for (let f = p * perPerson; f < Math.min(n, (p + 1) * perPerson); f++) {
            let norm = 0;
            for (let d = 0; d < dim; d++) {
              const x = centre[d] + (0.82 * gauss()) / Math.sqrt(dim);
              vectors[f * dim + d] = x;
              norm += x * x;
            }
            for (let d = 0; d < dim; d++) vectors[f * dim + d] /= Math.sqrt(norm);
          }
        }
        const table = {
          photo: Int32Array.from({ length: n }, (_, i) => i),
          trusted: new Uint8Array(n).fill(1),
          person: new Int32Array(n).fill(-1),
        };
        const t0 = performance.now();
        const graph = await likeness.engine.knnGraph(vectors, dim, { k, minSimilarity });
        const t1 = performance.now();
        const grouping = await likeness.engine.groupFaces(
          graph,
          table,
          options,
          options.method === 'centroid' ? vectors : null,
        );
        const t2 = performance.now();
        // B-cubed F of the groups against the people made (all faces of a person share f / 20).
        const size = new Map();
        const both = new Map();
        for (let i = 0; i < n; i++) {
          const g = grouping.group[i] >= 0 ? `g${grouping.group[i]}` : `alone${i}`;
          size.set(g, (size.get(g) ?? 0) + 1);
          const key = `${g}|${Math.floor(i / perPerson)}`;
          both.set(key, (both.get(key) ?? 0) + 1);
        }
        let precision = 0;
        let recall = 0;
        for (let i = 0; i < n; i++) {
          const g = grouping.group[i] >= 0 ? `g${grouping.group[i]}` : `alone${i}`;
          const shared = both.get(`${g}|${Math.floor(i / perPerson)}`);
          precision += shared / size.get(g);
          recall += shared / Math.min(perPerson, n - Math.floor(i / perPerson) * perPerson);
        }
        precision /= n;
        recall /= n;
        return {
          faces: n,
          graphSeconds: (t1 - t0) / 1000,
          groupSeconds: (t2 - t1) / 1000,
          seconds: (t2 - t0) / 1000,
          groups: grouping.groups,
          people,
          f: (2 * precision * recall) / (precision + recall),
          shared: crossOriginIsolated,
        };
      }, /** @type {const} */ ([n, dim, k, minSimilarity, groupingOptions]));
      rows.push({
        ...row,
        graphSeconds: round(row.graphSeconds, 2),
        groupSeconds: round(row.groupSeconds, 2),
        seconds: round(row.seconds, 2),
        f: round(row.f, 4),
      });
      console.error(JSON.stringify(rows.at(-1)));
    }
  }
  console.log(JSON.stringify({ engine, dim, rows }, null, 2));
} finally {
  await close();
}
