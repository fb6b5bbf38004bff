/**
 * "Adapt to your people" at pins-dev scale, with the app's own fit (src/engine/adapt.ts) on the
 * enrolled images only: held-out top-1 before and after, same probes.
 *   npx tsx tools/model-eval/harness/pinsdev-adapt.ts <spec> [seeds] [perPerson=10]
 */
import { fitProjection, DEFAULT_ADAPT_OPTIONS } from '../../../src/engine/adapt';
import { projectUnit } from '../../../src/core/adapt';
import { initWasm } from './node';
import { loadFused, split, wilson } from './pinsdev';

const [spec = 'arcface-mbf', seedList = '42,7', per = '10'] = process.argv.slice(2);
await initWasm();
const imgs = loadFused(spec);
const unitMean = (vs: Float32Array[]) => {
  const out = new Float32Array(vs[0]!.length);
  for (const v of vs) for (let k = 0; k < v.length; k++) out[k]! += v[k]!;
  const n = Math.hypot(...out);
  return out.map((x) => x / n);
};
const dist = (a: Float32Array, b: Float32Array) => Math.sqrt(a.reduce((s, v, k) => s + (v - b[k]!) ** 2, 0));
for (const seed of seedList.split(',').map(Number)) {
  const s = split(imgs, seed, Number(per), 20);
  const classes = [...s.enrol.values()].map((list) => list.filter((i) => i.enrol).map((i) => i.enrol!));
  const fit = await fitProjection(classes, DEFAULT_ADAPT_OPTIONS);
  const top1 = (f: (v: Float32Array) => Float32Array) => {
    const database = [...s.enrol].map(([p, list]) => [p, unitMean(list.filter((i) => i.enrol).map((i) => f(i.enrol!)))] as const);
    let right = 0;
    for (const pr of s.probes) {
      const v = f(pr.probe!);
      let best = ['', Infinity] as [string, number];
      for (const [p, c] of database) {
        const d = dist(v, c);
        if (d < best[1]) best = [p, d];
      }
      if (best[0] === pr.person) right++;
    }
    return right;
  };
  const before = top1((v) => v);
  const after = top1((v) => projectUnit(fit.projection, v));
  const n = s.probes.length;
  const ci = (k: number) => wilson(k, n).map((x) => +(100 * x).toFixed(1));
  console.log(JSON.stringify({ spec, seed, perPerson: Number(per), trainedOn: { images: fit.images, identities: fit.people }, rank: fit.rank, before: +(100 * before / n).toFixed(2), beforeCi: ci(before), after: +(100 * after / n).toFixed(2), afterCi: ci(after) }));
}
