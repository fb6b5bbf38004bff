/**
 * One calibrated threshold per kind of comparison, from the cached pins-dev and lfw-strangers
 * embeddings of `pinsdev.ts embed` (run that first):
 *
 *   npx tsx tools/model-eval/harness/pinsdev-calibrate.ts pairs <model> [seeds=42,7,1,123]
 *   npx tsx tools/model-eval/harness/pinsdev-calibrate.ts open <model> [seeds=42,7,1,123]
 *
 * pairs: photo against photo (Compare). Every same-person pair of a person's 50 photos and every
 *   pair of two people's photos, both in the probe view (plain + mirror, as Compare embeds them),
 *   plus lfw-strangers. Thresholds at 1 % and 0.1 % of different-person pairs called "same" and at
 *   1 % of same-person pairs called "different"; then, over people-disjoint thirds (each seed deals
 *   the 45 people into 3 folds), each threshold chosen on two thirds and applied to the third.
 * open: photo against a person's average, and photo against their nearest enrolled photo (the k-NN
 *   rules), in the open-set protocol of pinsdev.ts (10 enrolled, 20 probes a person; each third in
 *   turn strangers with the 40 lfw-strangers photos, the rest enrolled), per seed: the threshold
 *   where 1 % of strangers get a name, and named / wrong / strangers named at a given threshold.
 */
import * as fs from 'node:fs';
import { thresholdAtFar } from '../../../src/core/metrics';
import { loadFused, robustMean, split, type Enroller } from './pinsdev';
import { mulberry32, shuffle } from './node';

type Vec = Float32Array;
type Img = ReturnType<typeof loadFused>[number];

const dot = (a: Vec, b: Vec) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
};
const dist = (a: Vec, b: Vec) => Math.sqrt(Math.max(0, 2 - 2 * dot(a, b)));
const pct = (x: number) => +(100 * x).toFixed(2);
const rate = (xs: readonly number[], t: number) => xs.filter((d) => d <= t).length / xs.length;
/** The largest threshold at which at most `frr` of the genuine distances lie beyond it. */
const thresholdAtFrr = (genuine: readonly number[], frr: number) => {
  const s = [...genuine].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((1 - frr) * s.length) - 1)]!;
};

function pairDistances(imgs: Img[], people: Set<string> | null) {
  const pins = imgs.filter((i) => i.set === 'pins' && i.probe && (!people || people.has(i.person)));
  const lfw = imgs.filter((i) => i.set === 'lfw' && i.probe);
  const same: number[] = [];
  const different: number[] = [];
  for (let a = 0; a < pins.length; a++)
    for (let b = a + 1; b < pins.length; b++) {
      const d = dist(pins[a]!.probe!, pins[b]!.probe!);
      (pins[a]!.person === pins[b]!.person ? same : different).push(d);
    }
  const lfwSame: number[] = [];
  const lfwDifferent: number[] = [];
  for (let a = 0; a < lfw.length; a++)
    for (let b = a + 1; b < lfw.length; b++) {
      const d = dist(lfw[a]!.probe!, lfw[b]!.probe!);
      (lfw[a]!.person === lfw[b]!.person ? lfwSame : lfwDifferent).push(d);
    }
  return { same, different, lfwSame, lfwDifferent };
}

function pairs(spec: string, seeds: number[]) {
  const imgs = loadFused(spec);
  const all = pairDistances(imgs, null);
  const t1 = thresholdAtFar(all.different, 0.01);
  const t01 = thresholdAtFar(all.different, 0.001);
  const tFrr = thresholdAtFrr(all.same, 0.01);
  const row = (name: string, t: number) => ({
    at: name,
    threshold: +t.toFixed(3),
    sameSaidSame: pct(rate(all.same, t)),
    differentSaidSame: pct(rate(all.different, t)),
    lfwSameSaidSame: pct(rate(all.lfwSame, t)),
    lfwDifferentSaidSame: pct(rate(all.lfwDifferent, t)),
  });
  console.log(
    JSON.stringify({
      spec,
      same: all.same.length,
      different: all.different.length,
      lfwSame: all.lfwSame.length,
      lfwDifferent: all.lfwDifferent.length,
    }),
  );
  for (const [name, t] of [
    ['1 % FAR', t1],
    ['0.1 % FAR', t01],
    ['1 % FRR', tFrr],
  ] as const)
    console.log(JSON.stringify(row(name, t)));
  for (const t of (process.env.T ?? '').split(',').filter(Boolean).map(Number)) console.log(JSON.stringify(row(`T=${t}`, t)));
  // People-disjoint thirds: chosen on two, applied to the third.
  const people = [...new Set(imgs.filter((i) => i.set === 'pins').map((i) => i.person))].sort();
  for (const seed of seeds) {
    const order = shuffle(people, mulberry32(seed));
    const folds = [0, 1, 2].map((f) => new Set(order.filter((_, i) => i % 3 === f)));
    const out = [];
    for (let f = 0; f < 3; f++) {
      const train = new Set(order.filter((p) => !folds[f]!.has(p)));
      const fit = pairDistances(imgs, train);
      const test = pairDistances(imgs, folds[f]!);
      const a = thresholdAtFar(fit.different, 0.01);
      const b = thresholdAtFar(fit.different, 0.001);
      const c = thresholdAtFrr(fit.same, 0.01);
      out.push({
        fold: f,
        far1: [+a.toFixed(3), pct(rate(test.same, a)), pct(rate(test.different, a))],
        far01: [+b.toFixed(3), pct(rate(test.same, b)), pct(rate(test.different, b))],
        frr1: [+c.toFixed(3), pct(rate(test.same, c)), pct(rate(test.different, c))],
      });
    }
    console.log(JSON.stringify({ seed, heldOutThird: '[threshold, same said same %, different said same %]', out }));
  }
}

/** Per probe: its person, the nearest and second-nearest people and their distances. */
export interface Ranked {
  person: string;
  file: string;
  p1: string;
  d1: number;
  d2: number;
}

function rank(probe: Vec, database: Map<string, Vec[]>): Omit<Ranked, 'person' | 'file'> {
  let p1 = '';
  let d1 = Infinity;
  let d2 = Infinity;
  for (const [p, vs] of database) {
    let d = Infinity;
    for (const v of vs) d = Math.min(d, dist(probe, v));
    if (d < d1) {
      d2 = d1;
      d1 = d;
      p1 = p;
    } else if (d < d2) d2 = d;
  }
  return { p1, d1, d2 };
}

/** The open-set folds of one seed: known probes and strangers ranked against averages or enrolled images. */
export function openFolds(imgs: Img[], seed: number, over: 'average' | 'image', enroller: Enroller = robustMean(3)) {
  const people = [...new Set(imgs.filter((i) => i.set === 'pins').map((i) => i.person))].sort();
  const order = shuffle(people, mulberry32(seed));
  const known: Ranked[] = [];
  const strangers: (Ranked & { lfw: boolean })[] = [];
  for (let f = 0; f < 3; f++) {
    const out = new Set(order.filter((_, i) => i % 3 === f));
    const enrolled = new Set(order.filter((_, i) => i % 3 !== f));
    const s = split(imgs, seed, 10, 20, enrolled);
    const database = new Map<string, Vec[]>();
    for (const [p, list] of s.enrol) {
      if (over === 'average') {
        const c = enroller(list);
        if (c) database.set(p, [c]);
      } else database.set(p, list.filter((i) => i.enrol).map((i) => i.enrol!));
    }
    for (const pr of s.probes) if (pr.probe) known.push({ person: pr.person, file: pr.file, ...rank(pr.probe, database) });
    for (const st of [...split(imgs, seed, 0, 20, out).probes, ...imgs.filter((i) => i.set === 'lfw')])
      if (st.probe) strangers.push({ person: st.person, file: st.file, lfw: st.set === 'lfw', ...rank(st.probe, database) });
  }
  return { known, strangers };
}

function open(spec: string, seeds: number[]) {
  const imgs = loadFused(spec);
  const at = (process.env.T ?? '').split(',').filter(Boolean).map(Number);
  for (const over of ['average', 'image'] as const) {
    for (const seed of seeds) {
      const { known, strangers } = openFolds(imgs, seed, over);
      const t1 = thresholdAtFar(strangers.map((s) => s.d1), 0.01);
      const lfw = strangers.filter((s) => s.lfw);
      const at1 = (t: number) => ({
        threshold: +t.toFixed(3),
        named: pct(known.filter((k) => k.p1 === k.person && k.d1 <= t).length / known.length),
        wrong: pct(known.filter((k) => k.p1 !== k.person && k.d1 <= t).length / known.length),
        strangersNamed: pct(rate(strangers.map((s) => s.d1), t)),
        lfwNamed: pct(rate(lfw.map((s) => s.d1), t)),
      });
      console.log(
        JSON.stringify({ over, seed, known: known.length, strangers: strangers.length, at1pctFar: at1(t1), ...Object.fromEntries(at.map((t) => [`T=${t}`, at1(t)])) }),
      );
    }
  }
}

/** Every open-set probe of every seed, ranked against the averages, to cache/open_<model>.json (for exploring rules). */
function dump(spec: string, seeds: number[]) {
  const imgs = loadFused(spec);
  const rows = seeds.flatMap((seed) => {
    const { known, strangers } = openFolds(imgs, seed, 'average');
    return [...known.map((k) => ({ ...k, stranger: false, lfw: false })), ...strangers.map((s) => ({ ...s, stranger: true }))].map((r) => ({ seed, ...r }));
  });
  fs.writeFileSync(`cache/open_${spec}.json`, JSON.stringify(rows));
  console.log(rows.length, 'rows');
}

const [cmd, spec, seedList] = process.argv.slice(2);
const seeds = (seedList ?? '42,7,1,123').split(',').map(Number);
if (process.argv[1]?.endsWith('pinsdev-calibrate.ts')) {
  if (cmd === 'pairs') pairs(spec!, seeds);
  else if (cmd === 'open') open(spec!, seeds);
  else if (cmd === 'dump') dump(spec!, seeds);
  else console.log('usage: pairs|open <model> [seeds]');
}
