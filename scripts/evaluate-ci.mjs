// @ts-check
// The accuracy floor checked by `npm test`: evaluate on pins-mini through the real app.
// pins-mini lives in ../shared (this workplace and CI); elsewhere it is absent, which is said loudly.
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Runs scripts/evaluate.mjs with these arguments, its output shown; returns the exit status.
 * @param {string[]} args
 */
const evaluate = (...args) =>
  spawnSync(process.execPath, [resolve(import.meta.dirname, 'evaluate.mjs'), ...args], { stdio: 'inherit' })
    .status ?? 1;

const dataset = resolve(import.meta.dirname, '../../shared/datasets/pins-mini');
if (!existsSync(dataset)) {
  const message = `pins-mini not found at ${dataset}: the accuracy floor was NOT checked`;
  if (process.env.CI) {
    console.error(`FAIL: ${message} (required in CI)`);
    process.exit(1);
  }
  console.warn(`NOT RUN: ${message}. Run npm run evaluate -- <your PINS-format folder> yourself.`);
  process.exit(0);
}
// Floors: measured 100 % top-1 with arcface-mbf-grey (150/150 held-out probes, 95 % CI 97.5-100 %) and
// 97.3 % named correctly at its calibrated 1.05 (146/150); set just under, as for pins-dev below.
const mini = evaluate(
  dataset,
  '--per-person',
  '10',
  '--test-per-person',
  '10',
  '--min-top1',
  '0.98',
  '--min-named',
  '0.95',
);
if (mini !== 0) process.exit(mini);

// pins-dev, the development set, at a size CI affords: its first 20 people (all their images, so the
// app's own seeded split picks the 10 enrolled and 10 held-out), copied to a temporary folder.
const pinsDev = resolve(import.meta.dirname, '../../shared/datasets/pins-dev');
if (!existsSync(pinsDev)) {
  console.error(
    `${process.env.CI ? 'FAIL' : 'NOT RUN'}: pins-dev not found at ${pinsDev}: its floor was NOT checked`,
  );
  if (process.env.CI) process.exit(1);
} else {
  const subset = mkdtempSync(join(tmpdir(), 'likeness-pins-dev-20-'));
  for (const person of readdirSync(pinsDev).sort().slice(0, 20))
    cpSync(join(pinsDev, person), join(subset, person), { recursive: true });
  // Floors: measured 99.5 % top-1 twice (199/200, 95 % CI 97.2-99.9 %; 200/200 with the colour model) and
  // 97.5, 96.0 and 94.5 % named correctly in three runs at the calibrated threshold 1.05 (arcface-mbf-grey,
  // WASM; 95.5 % in colour at 1.04). The split differs from run to run (the copy's temporary folder is
  // part of each image's id), so the floor sits under the lowest run.
  const dev = evaluate(
    subset,
    '--per-person',
    '10',
    '--test-per-person',
    '10',
    '--no-build',
    '--min-top1',
    '0.98',
    '--min-named',
    '0.93',
  );
  rmSync(subset, { recursive: true, force: true });
  if (dev !== 0) process.exit(dev);
}

// LFW's 10-fold verification protocol end to end on a small pairs file (20 people × 2 images, 40 pairs),
// reusing the build above. Measured 100 % with arcface-mbf-grey (40 of 40), 97.5 % with the colour
// arcface-mbf (std 7.9 % over folds), faceres 90.0 %; 0.9 allows four pairs of 40 wrong.
const lfw = resolve(import.meta.dirname, '../../shared/datasets/lfw-strangers');
if (!existsSync(lfw)) {
  console.error(
    `${process.env.CI ? 'FAIL' : 'NOT RUN'}: lfw-strangers not found at ${lfw}: the LFW protocol was NOT checked`,
  );
  process.exit(process.env.CI ? 1 : 0);
}
process.exit(
  evaluate(
    lfw,
    '--pairs',
    resolve(import.meta.dirname, 'fixtures/lfw-strangers-pairs.txt'),
    '--no-build',
    '--min-lfw-accuracy',
    '0.9',
  ),
);
