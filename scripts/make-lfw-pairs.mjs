// @ts-check
// node scripts/make-lfw-pairs.mjs <lfw-dir> [--folds 10] [--per-fold N] > pairs.txt
// Writes a pairs file in LFW's pairs.txt format from a folder of <Name>/<Name>_<nnnn>.jpg images, so the
// verification protocol can be run on a small LFW subset (people sorted by name; scripts/pairs-file.mjs).
// scripts/fixtures/lfw-strangers-pairs.txt is this script's output for ../shared/datasets/lfw-strangers.
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from './harness.mjs';
import { foldGroups, pairsText } from './pairs-file.mjs';

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

const { groups, largestSame } = foldGroups(people, folds);
const perFold = Number(args['per-fold'] ?? largestSame);
if (!(perFold >= 1) || perFold > largestSame) {
  console.error(
    `--per-fold must be between 1 and ${largestSame} for this folder (same-person pairs per fold)`,
  );
  process.exit(1);
}
process.stdout.write(pairsText(groups, perFold));
