// @ts-check
// node scripts/make-lfw-pairs.mjs <lfw-dir> [--folds 10] [--per-fold N] > pairs.txt
// Writes a pairs file in LFW's pairs.txt format from a folder of <Name>/<Name>_<nnnn>.jpg images, so the
// verification protocol can be run on a small LFW subset. As in LFW, folds are person-disjoint: people
// (sorted by name) are dealt into folds in contiguous blocks, and each fold's pairs use only its people.
// Deterministic: same-person pairs go round the fold's people taking image combinations in order;
// different-person pairs go round the fold's pairs of people, stepping through each one's images.
// scripts/fixtures/lfw-strangers-pairs.txt is this script's output for ../shared/datasets/lfw-strangers.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from './harness.mjs';

const args = parseArgs(process.argv.slice(2), { folds: 'value', 'per-fold': 'value' });
const dir = args._[0];
if (!dir) {
  console.error('usage: node scripts/make-lfw-pairs.mjs <lfw-dir> [--folds 10] [--per-fold N]');
  process.exit(2);
}
const folds = Number(args.folds ?? 10);

const people = readdirSync(resolve(dir))
  .filter((name) => statSync(join(resolve(dir), name)).isDirectory())
  .sort()
  .map((name) => {
    const pattern = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}_(\\d{4})\\.jpg$`);
    const numbers = readdirSync(join(resolve(dir), name))
      .flatMap((file) => {
        const m = pattern.exec(file);
        return m ? [Number(m[1])] : [];
      })
      .sort((a, b) => a - b);
    return { name, numbers };
  })
  .filter((p) => p.numbers.length > 0);
if (people.length < 2 * folds) {
  console.error(`Need at least 2 people per fold: ${people.length} people for ${folds} folds`);
  process.exit(1);
}

const groups = Array.from({ length: folds }, (_, f) =>
  people.slice(Math.floor((f * people.length) / folds), Math.floor(((f + 1) * people.length) / folds)),
);
const largestSame = Math.min(
  ...groups.map((g) => g.reduce((s, p) => s + (p.numbers.length * (p.numbers.length - 1)) / 2, 0)),
);
const perFold = Number(args['per-fold'] ?? largestSame);
if (!(perFold >= 1) || perFold > largestSame) {
  console.error(
    `--per-fold must be between 1 and ${largestSame} for this folder (same-person pairs per fold)`,
  );
  process.exit(1);
}

const lines = [`${folds}\t${perFold}`];
for (const group of groups) {
  // Same person: every (i < j) combination, people taken in turn.
  const combos = group.map((p) =>
    p.numbers.flatMap((a, i) => p.numbers.slice(i + 1).map((b) => `${p.name}\t${a}\t${b}`)),
  );
  const same = [];
  for (let round = 0; same.length < perFold; round++)
    for (const c of combos) if (c[round] && same.length < perFold) same.push(c[round]);
  // Different people: pairs of people in turn, each round moving to both people's next image.
  const duos = group.flatMap((a, i) => group.slice(i + 1).map((b) => [a, b]));
  const different = new Set();
  for (let k = 0; different.size < perFold; k++) {
    if (k > perFold * duos.length * 4) {
      console.error(`Not enough distinct different-person pairs in the fold of ${group[0].name}`);
      process.exit(1);
    }
    const [a, b] = duos[k % duos.length];
    const round = Math.floor(k / duos.length);
    different.add(
      `${a.name}\t${a.numbers[round % a.numbers.length]}\t${b.name}\t${b.numbers[round % b.numbers.length]}`,
    );
  }
  lines.push(...same, ...different);
}
process.stdout.write(lines.join('\n') + '\n');
