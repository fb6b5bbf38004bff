// @ts-check
// node scripts/make-pins-pairs.mjs <pins-dir> <out-dir> [--per-person 20] [--folds 10] [--per-fold 300] [--seed 1]
// A verification pairs file from a PINS-style folder (one folder per person, any file names), in LFW's
// layout, so `npm run evaluate -- <out-dir> --pairs <out-dir>/pairs.txt` runs LFW's protocol and
// Compare's calibrated thresholds on it. Per person, --per-person photos are drawn with the seed and
// copied as <out-dir>/<Name>/<Name>_<nnnn>.jpg ("pins_Anne Hathaway" becomes "Anne_Hathaway"); the
// folds are person-disjoint, as LFW's (scripts/pairs-file.mjs). Writes nothing but <out-dir>.
import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { seededRandom } from '../e2e/group-photo.mjs';
import { parseArgs } from './harness.mjs';
import { foldGroups, pairsText } from './pairs-file.mjs';

const args = parseArgs(process.argv.slice(2), {
  'per-person': 'value',
  folds: 'value',
  'per-fold': 'value',
  seed: 'value',
});
const [dir, out] = args._;
if (!dir || !out) {
  console.error(
    'usage: node scripts/make-pins-pairs.mjs <pins-dir> <out-dir> [--per-person 20] [--folds 10] [--per-fold 300] [--seed 1]',
  );
  process.exit(2);
}
const perPerson = Number(args['per-person'] ?? 20);
const folds = Number(args.folds ?? 10);
const seed = Number(args.seed ?? 1);

const root = resolve(dir);
const rand = seededRandom(seed);
const people = readdirSync(root)
  .filter((name) => statSync(join(root, name)).isDirectory())
  .sort()
  .map((folder) => {
    const files = readdirSync(join(root, folder))
      .filter((f) => /\.jpe?g$/i.test(f))
      .sort();
    // Fisher–Yates with the seeded generator, then the first perPerson.
    for (let i = files.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [files[i], files[j]] = [/** @type {string} */ (files[j]), /** @type {string} */ (files[i])];
    }
    const name = folder
      .replace(/^pins_/i, '')
      .trim()
      .replace(/\s+/g, '_');
    const chosen = files.slice(0, perPerson);
    mkdirSync(join(resolve(out), name), { recursive: true });
    chosen.forEach((file, i) =>
      copyFileSync(
        join(root, folder, file),
        join(resolve(out), name, `${name}_${String(i + 1).padStart(4, '0')}.jpg`),
      ),
    );
    return { name, numbers: chosen.map((_, i) => i + 1) };
  })
  .filter((p) => p.numbers.length >= 2);

const { groups, largestSame } = foldGroups(people, folds);
const perFold = Math.min(Number(args['per-fold'] ?? 300), largestSame);
writeFileSync(join(resolve(out), 'pairs.txt'), pairsText(groups, perFold));
console.log(
  `${people.length} people, ${people.reduce((n, p) => n + p.numbers.length, 0)} photos; ${folds} folds × (${perFold} same + ${perFold} different) pairs in ${join(resolve(out), 'pairs.txt')}`,
);
