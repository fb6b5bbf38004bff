// @ts-check
// node scripts/cluster-tune.mjs <dump.json>[,<dump.json>] [--methods link,centroid,dbscan]
//   [--links 0.35,0.40,...] [--centroids 0.5,0.55] [--min-neighbours 2,3] [--min-size 2]
//   [--sizes 0,40] [--sharpness 0,20] [--scores 0,0.6]
//
// Measures grouping methods and thresholds offline on faces that `npm run cluster -- <library>
// --dump FILE` found and embedded in the app: the exact neighbour graph (core/library/knn.ts), then
// core/library/grouping.ts with each setting, scored by B-cubed precision, recall and F against the
// truth, and people kept whole. Prints one row per setting (each dump's scores, then their mean F).
import { readFileSync } from 'node:fs';
import { register } from 'tsx/esm/api';
import { parseArgs, round } from './harness.mjs';

register();
const { exactKnn } = await import('../src/core/library/knn.ts');
const { groupFaces } = await import('../src/core/library/grouping.ts');
const { bcubed, keptWhole } = await import('../src/core/library/bcubed.ts');

const args = parseArgs(process.argv.slice(2), {
  methods: 'value',
  links: 'value',
  centroids: 'value',
  'min-neighbours': 'value',
  'min-size': 'value',
  sizes: 'value',
  sharpness: 'value',
  scores: 'value',
  k: 'value',
});
if (!args._[0]) {
  console.error(
    'usage: node scripts/cluster-tune.mjs <dump.json>[,<dump.json>] [--methods link,centroid,dbscan] [--links 0.35,0.4]',
  );
  process.exit(2);
}
/** @param {string | undefined} list @param {string} fallback */
const numbers = (list, fallback) =>
  String(list ?? fallback)
    .split(',')
    .map(Number);
const k = Number(args.k ?? 16);

const dumps = args._[0].split(',').map((file) => {
  const d = JSON.parse(readFileSync(file, 'utf8'));
  const vectors = Float32Array.from(d.vectors);
  const photoOf = new Map();
  const photo = Int32Array.from(d.faceIds, (/** @type {string} */ f) => {
    const p = f.slice(0, f.lastIndexOf('#'));
    if (!photoOf.has(p)) photoOf.set(p, photoOf.size);
    return photoOf.get(p);
  });
  const t0 = performance.now();
  const graph = exactKnn(vectors, d.dim, k, 0.2);
  console.error(`${file}: ${d.faceIds.length} faces, graph in ${round((performance.now() - t0) / 1000)} s`);
  return { file, truth: d.truth, quality: d.quality, vectors, photo, graph };
});

const rows = [];
for (const method of String(args.methods ?? 'link,centroid,dbscan').split(',')) {
  for (const link of numbers(args.links, '0.35,0.4,0.45,0.5,0.55')) {
    for (const centroid of method === 'centroid' ? numbers(args.centroids, '0.5,0.55,0.6') : [0]) {
      for (const minNeighbours of method === 'dbscan' ? numbers(args['min-neighbours'], '1,2,3') : [0]) {
        for (const size of numbers(args.sizes, '0,40')) {
          for (const sharp of numbers(args.sharpness, '0')) {
            for (const score of numbers(args.scores, '0')) {
              const options = {
                method,
                link,
                centroid,
                minNeighbours,
                minSize: Number(args['min-size'] ?? 2),
              };
              const each = dumps.map((d) => {
                const trusted = Uint8Array.from(d.quality, (/** @type {any} */ q) =>
                  q.size >= size && q.sharpness >= sharp && q.score >= score ? 1 : 0,
                );
                const table = { photo: d.photo, trusted, person: new Int32Array(d.photo.length).fill(-1) };
                const g = groupFaces(d.graph, table, /** @type {any} */ (options), d.vectors);
                const groups = Array.from(g.group, (x) => (x >= 0 ? `g${x}` : null));
                const s = bcubed(d.truth, groups);
                const w = keptWhole(d.truth, groups);
                return {
                  p: s.precision,
                  r: s.recall,
                  f: s.f,
                  whole: `${w.whole}/${w.people}`,
                  groups: g.groups,
                };
              });
              rows.push({ method, link, centroid, minNeighbours, size, sharp, score, each });
            }
          }
        }
      }
    }
  }
}
rows.sort((a, b) => mean(b.each.map((e) => e.f)) - mean(a.each.map((e) => e.f)));
/** @param {number[]} xs */
function mean(xs) {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
console.log(
  '| method | link | centroid | minNb | size | sharp | score | ' +
    dumps.map((_, i) => `P${i} | R${i} | F${i} | whole${i} | groups${i}`).join(' | ') +
    ' | mean F |',
);
for (const r of rows.slice(0, Number(process.env.ROWS ?? 40))) {
  const cells = r.each.map(
    (e) => `${e.p.toFixed(4)} | ${e.r.toFixed(4)} | ${e.f.toFixed(4)} | ${e.whole} | ${e.groups}`,
  );
  console.log(
    `| ${r.method} | ${r.link} | ${r.centroid || ''} | ${r.minNeighbours || ''} | ${r.size} | ${r.sharp} | ${r.score} | ${cells.join(' | ')} | ${mean(r.each.map((e) => e.f)).toFixed(4)} |`,
  );
}
