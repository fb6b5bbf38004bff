// @ts-check
// npm run cluster -- <folder> [--json out.json] [--no-build] [--truth-from-folders] [--truth FILE]
//   [--out-dir DIR] [--min-found X] [--min-precision X] [--min-f X] [--dump FILE]
//
// Builds and serves the app, imports <folder> on "Your photos" as a user does (the folder picker),
// waits until every face is found and grouped, then prints and writes JSON: photos, every face
// (its file below <folder>, its box in pixels of the upright photo, its group or null), groups,
// seconds (from the pick to the grouping), photosPerSecond and the page's peak JS heap. With a truth
// (make-library.mjs's `<folder>.truth.json`, found by itself, or --truth-from-folders for a labelled
// folder) it adds the faces found, B-cubed precision, recall and F, and the people kept whole.
// --min-* exit non-zero below a floor (CI); --dump writes each face's vector and quality for
// scripts/cluster-tune.mjs.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { register } from 'tsx/esm/api';
import { importLibrary } from '../e2e/pages.mjs';
import { matchTruth, readTruthFile, truthFromFolders } from '../e2e/library-truth.mjs';
import { openApp, parseArgs, quarters, round } from './harness.mjs';

register();
const { bcubed, keptWhole } = await import('../src/core/library/bcubed.ts');

const args = parseArgs(process.argv.slice(2), {
  json: 'value',
  'no-build': 'flag',
  'truth-from-folders': 'flag',
  truth: 'value',
  'out-dir': 'value',
  'min-found': 'value',
  'min-precision': 'value',
  'min-f': 'value',
  dump: 'value',
});
const folder = args._[0];
if (!folder) {
  console.error(
    'usage: npm run cluster -- <folder> [--json out.json] [--no-build] [--truth-from-folders] [--truth FILE] [--min-found X] [--min-precision X] [--min-f X]',
  );
  process.exit(2);
}
const truthFile = args['truth-from-folders'] ? null : readTruthFile(folder, args.truth);

/** Image files below a folder, '/'-separated, as the app counts photos. @param {string} dir */
function imagesBelow(dir) {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((p) => /\.(jpe?g|png|webp|bmp|gif)$/i.test(p) && statSync(join(dir, p)).size > 0)
    .map((p) => relative(dir, join(dir, p)).split('\\').join('/'));
}

const { page, memory, close } = await openApp({ build: !args['no-build'], outDir: args['out-dir'] });
let exitCode = 0;
try {
  const t0 = performance.now();
  const started = Date.now();
  await importLibrary(page, resolve(folder));
  const seconds = (performance.now() - t0) / 1000;
  const byQuarter = quarters(started, Date.now()).map((quarter) => ({
    pageMB: memory.peakBetween(...quarter),
    rendererRssMB: memory.peakRssBetween(...quarter),
  }));
  const report = await page.evaluate(() => window.likeness?.libraryReport());
  if (!report) throw new Error('The library has no faces to report');
  const { peakJsHeapMB, peakRendererRssMB } = await memory.stop();
  /** @type {Record<string, unknown>} */
  const out = {
    photos: report.photos,
    faces: report.faces.map(({ file, box, group }) => ({ file, box, group })),
    groups: report.groups,
    seconds: round(seconds),
    photosPerSecond: round(report.photos / seconds, 2),
    peakJsHeapMB,
    peakRendererRssMB,
    byQuarter,
  };
  const truth = args['truth-from-folders']
    ? truthFromFolders(report.faces, imagesBelow(folder))
    : truthFile && matchTruth(report.faces, truthFile);
  if (truth) {
    const groups = report.faces.map((f) => f.group);
    const score = bcubed(truth.person, groups);
    const whole = keptWhole(truth.person, groups);
    out.truth = {
      faces: truth.faces,
      found: truth.found,
      foundRate: round(truth.found / Math.max(1, truth.faces), 4),
      extra: report.faces.length - truth.found,
      precision: round(score.precision, 4),
      recall: round(score.recall, 4),
      f: round(score.f, 4),
      counted: score.faces,
      people: whole.people,
      keptWhole: whole.whole,
      mostlyWhole: whole.mostly,
    };
    const floors = /** @type {const} */ ([
      ['min-found', 'foundRate'],
      ['min-precision', 'precision'],
      ['min-f', 'f'],
    ]);
    for (const [flag, key] of floors) {
      const floor = args[flag];
      if (floor !== undefined && Number(/** @type {any} */ (out.truth)[key]) < Number(floor)) {
        console.error(`FAIL: ${key} ${/** @type {any} */ (out.truth)[key]} is under --${flag} ${floor}`);
        exitCode = 1;
      }
    }
    if (args.dump) {
      const faces = await page.evaluate(() => window.likeness?.libraryFaces());
      writeFileSync(args.dump, JSON.stringify({ truth: truth.person, ...faces }));
    }
  } else if (args['min-found'] || args['min-precision'] || args['min-f']) {
    console.error('FAIL: a floor was given but there is no truth to check it against');
    exitCode = 1;
  }
  const { faces: _faces, ...summary } = out;
  console.log(JSON.stringify(summary, null, 2));
  if (args.json) writeFileSync(args.json, JSON.stringify(out, null, 2));
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
