/**
 * Centring on the database's mean: each embedding minus alpha times the mean of the enrolled images'
 * embeddings (per fold, enrolled people only), then unit length, in the open-set protocol of
 * pinsdev.ts. frac enrolls only that share of each fold's non-stranger people (small databases).
 *   npx tsx tools/model-eval/harness/pinsdev-centre.ts <spec> [alpha=1] [frac=1]
 */
import { loadFused, nearestOf, split, robustMean } from './pinsdev';
import { equalErrorRate, rocCurve, thresholdAtFar } from '../../../src/core/metrics';
import { shuffle, mulberry32 } from './node';
const spec = process.argv[2] ?? 'arcface-mbf-lm68';
const alpha = Number(process.argv[3] ?? 1);
const nPeopleFrac = Number(process.argv[4] ?? 1); // fraction of the non-stranger people enrolled
const imgs = loadFused(spec);
const unit = (v: Float32Array) => { const s = Math.hypot(...v) || 1; return v.map((x) => x / s); };
const enroller = robustMean(3);
const people = [...new Set(imgs.filter((i) => i.set === 'pins').map((i) => i.person))].sort();
const tot = { named: 0, eer: 0, t1: 0, top1: 0, nk: 0 };
const seeds = [42, 7, 1, 2];
for (const seed of seeds) {
  const order = shuffle(people, mulberry32(seed));
  const genuine: number[] = []; const impostor: number[] = []; const known: { correct: boolean; d: number }[] = [];
  for (let f = 0; f < 3; f++) {
    const strangers = new Set(order.filter((_, i) => i % 3 === f));
    const enrolledAll = order.filter((_, i) => i % 3 !== f);
    const enrolled = new Set(enrolledAll.slice(0, Math.max(2, Math.round(enrolledAll.length * nPeopleFrac))));
    const s = split(imgs, seed, 10, 20, enrolled);
    const d = imgs.find((i) => i.enrol)!.enrol!.length;
    const m = new Float32Array(d); let n = 0;
    for (const [, list] of s.enrol) for (const i of list) if (i.enrol) { for (let k = 0; k < d; k++) m[k] += i.enrol[k]; n++; }
    for (let k = 0; k < d; k++) m[k] /= n;
    const tr = (v: Float32Array) => unit(v.map((x, k) => x - alpha * m[k]));
    const database = new Map<string, Float32Array>();
    for (const [p, list] of s.enrol) { const c = enroller(list.map((i) => ({ ...i, enrol: i.enrol ? tr(i.enrol) : null }))); if (c) database.set(p, c); }
    const nearest = nearestOf(database);
    for (const pr of s.probes) { if (!pr.probe) continue; const r = nearest(tr(pr.probe)); genuine.push(r.d); known.push({ correct: r.person === pr.person, d: r.d }); }
    const st = [...split(imgs, seed, 0, 20, strangers).probes, ...imgs.filter((i) => i.set === 'lfw')];
    for (const x of st) if (x.probe) impostor.push(nearest(tr(x.probe)).d);
  }
  const { eer } = equalErrorRate(rocCurve(genuine, impostor));
  const t1 = thresholdAtFar(impostor, 0.01);
  tot.named += known.filter((k) => k.correct && k.d <= t1).length / known.length / 4;
  tot.top1 += known.filter((k) => k.correct).length / known.length / 4;
  tot.eer += eer / 4; tot.t1 += t1 / 4; tot.nk = known.length;
}
console.log(spec, 'alpha', alpha, 'frac', nPeopleFrac, 'top1', (100 * tot.top1).toFixed(2), 'eer', (100 * tot.eer).toFixed(2), 't1', tot.t1.toFixed(3), 'named', (100 * tot.named).toFixed(2), 'known', tot.nk);
