// Open-set decision rules on cached embeddings: plain threshold vs threshold + margin to the 2nd-nearest centroid.
// npx tsx harness/openset.ts emb_faceres_align_1.3_nearest.json
import * as fs from 'node:fs';
import { mulberry32, shuffle } from './node';
import { l2normalize, euclidean } from '../lib/embed';

const file = process.argv[2] ?? 'emb_faceres_align_1.3_nearest.json';
const r = JSON.parse(fs.readFileSync('cache/' + file, 'utf8'));
const vecs: Float32Array[] = r.emb.map((v: number[], i: number) => l2normalize(l2normalize(Float32Array.from(v)).map((x, k) => x + l2normalize(Float32Array.from(r.embFlip[i]))[k])));
const persons: string[] = r.persons; const files: string[] = r.files;
const people = [...new Set(persons)].sort();
type Obs = { d1: number; d2: number; correct: boolean };
const gen: Obs[] = [], str: Obs[] = [];
for (const seed of [42, 1, 7, 123, 2024]) {
  const rnd = mulberry32(seed);
  const cents: Float32Array[] = []; const probes: [number, number][] = [];
  people.forEach((p, pi) => {
    const idx = persons.map((q, i) => (q === p ? i : -1)).filter((i) => i >= 0).sort((a, b) => (files[a] < files[b] ? -1 : 1));
    const sh = shuffle(idx, rnd);
    const c = new Float32Array(vecs[0].length);
    for (const i of sh.slice(0, 10)) vecs[i].forEach((x, k) => { c[k] += x; });
    cents.push(l2normalize(c));
    for (const i of sh.slice(10)) probes.push([i, pi]);
  });
  for (const [i, pi] of probes) {
    const d = cents.map((c, k) => ({ k, d: euclidean(vecs[i], c) })).sort((a, b) => a.d - b.d);
    gen.push({ d1: d[0].d, d2: d[1].d, correct: d[0].k === pi });
    const o = d.filter((x) => x.k !== pi);
    str.push({ d1: o[0].d, d2: o[1].d, correct: false });
  }
}
const rows = ['| rule | genuine: correct & accepted % | genuine: wrong person accepted % | stranger accepted % |', '|---|---|---|---|'];
for (const t of [0.75, 0.8, 0.85, 0.9]) for (const m of [0, 0.03, 0.05, 0.08]) {
  const acc = (o: Obs) => o.d1 <= t && o.d2 - o.d1 >= m;
  rows.push(`| d1 <= ${t}${m ? ` and d2 - d1 >= ${m}` : ''} | ${(100 * gen.filter((o) => acc(o) && o.correct).length / gen.length).toFixed(1)} | ${(100 * gen.filter((o) => acc(o) && !o.correct).length / gen.length).toFixed(1)} | ${(100 * str.filter(acc).length / str.length).toFixed(1)} |`);
}
console.log(`${file} (+flip), 5 seeds x 300 probes; stranger = same probe with its own person removed from the database (14 people)`);
console.log(rows.join('\n'));
