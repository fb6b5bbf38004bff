/**
 * Would a margin over the second-nearest person name more known faces at 1 % of strangers?
 *   npx tsx tools/model-eval/harness/pinsdev-margin.ts <cached model spec>
 * Accept when d1 - b * (d2 - d1) (gap) or d1 - b * (mean of the others - d1) (mean) is under the
 * threshold set at 1 % of strangers, in the open-set folds of pinsdev.ts; prints named % per seed.
 */
import { averagesMatcher, loadFused, split } from './pinsdev';
import { thresholdAtFar } from '../../../src/core/metrics';
import { robustCentroid } from '../../../src/core/robust-centroid';
import { mulberry32, shuffle } from './node';
const spec = process.argv[2]!;
const imgs = loadFused(spec);
type V = Float32Array;
const betas = [0, 0.1, 0.2, 0.3, 0.5, 0.75, 1];
const acc: Record<string, number[]> = {};
for (const seed of [42, 7, 1, 2]) {
  const people = [...new Set(imgs.filter((i) => i.set === 'pins').map((i) => i.person))].sort();
  const order = shuffle(people, mulberry32(seed));
  const known: { ok: boolean; d1: number; d2: number; dm: number }[] = [];
  const imp: { d1: number; d2: number; dm: number }[] = [];
  for (let f = 0; f < 3; f++) {
    const strangers = new Set(order.filter((_, i) => i % 3 === f));
    const enrolled = new Set(order.filter((_, i) => i % 3 !== f));
    const s = split(imgs, seed, 10, 20, enrolled);
    const g = new Map<string, V>();
    for (const [p, list] of s.enrol) {
      const items = list.filter((i) => i.enrol).map((i) => ({ id: i.file, vector: i.enrol!, faces: i.faces }));
      g.set(p, robustCentroid(items, { outlierK: 3, outlierDistance: 1.04, duplicateDistance: null, minKept: 3 }).centroid!);
    }
    const matcher = averagesMatcher(g, g.size);
    const rank = (v: V) => { const ds = matcher.match(v).ranked.map((r) => ({ p: r.person, d: r.distance })); const rest = ds.slice(1).map(x=>x.d); return { p: ds[0]!.p, d1: ds[0]!.d, d2: ds[1]!.d, dm: rest.reduce((a,b)=>a+b,0)/rest.length }; };
    for (const pr of s.probes) if (pr.probe) { const r = rank(pr.probe); known.push({ ok: r.p === pr.person, d1: r.d1, d2: r.d2, dm: r.dm }); }
    for (const st of [...split(imgs, seed, 0, 20, strangers).probes, ...imgs.filter((i) => i.set === 'lfw')]) if (st.probe) imp.push(rank(st.probe));
  }
  for (const b of betas) {
    for (const kind of ['gap', 'mean']) {
      const stat = (x: { d1: number; d2: number; dm: number }) => x.d1 - b * ((kind === 'gap' ? x.d2 : x.dm) - x.d1);
      const t = thresholdAtFar(imp.map(stat), 0.01);
      const named = known.filter((k) => k.ok && stat(k) <= t).length / known.length;
      (acc[`${kind} b=${b}`] ??= []).push(100 * named);
    }
  }
}
for (const [k, v] of Object.entries(acc)) console.log(k.padEnd(14), v.map((x) => x.toFixed(2)).join(' '), 'mean', (v.reduce((a, b) => a + b) / v.length).toFixed(2));
