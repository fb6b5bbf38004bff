// @ts-check
// npm run evaluate -- <dataset-dir> [--per-person 10,25,50] [--test-per-person 10] [--seed 42] [--model ID]
//                     [--threshold T (default: the model’s calibrated one)] [--json FILE] [--min-top1 X] [--no-build]
//                     [--match average|knn1|knn3] [--strangers DIR] [--out-dir DIR]
// --strangers runs the Dashboard's open-set evaluation with DIR as strangers and adds openSet and search
// (the Dashboard's search time per probe for each matching rule) blocks.
// npm run evaluate -- <lfw-dir> --pairs <pairs.txt> [--min-lfw-accuracy X] [--min-same-said-same X]
//                     [--max-different-said-same X]: only LFW's 10-fold verification protocol
// (scripts/evaluate-pairs.mjs), reported as an lfw block, with what Compare's own calibrated pair
// threshold says of the same pairs (lfw.atDefault).
// Builds and serves the app, drives it in headless Chromium through the same clicks a user makes, prints JSON.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFolder, openApp, parseArgs, round, waitForEngine, waitForJob } from './harness.mjs';
import { evaluatePairs } from './evaluate-pairs.mjs';
import { buildDatabase, evaluateOnDashboard, openTab, runRecognition, ui } from '../e2e/pages.mjs';

const args = parseArgs(process.argv.slice(2), {
  'per-person': 'value',
  'test-per-person': 'value',
  seed: 'value',
  model: 'value',
  crop: 'value',
  threshold: 'value',
  json: 'value',
  'min-top1': 'value',
  'min-named': 'value',
  'no-build': 'flag',
  match: 'value',
  strangers: 'value',
  'out-dir': 'value',
  pairs: 'value',
  'min-lfw-accuracy': 'value',
  'min-same-said-same': 'value',
  'max-different-said-same': 'value',
});
const dir = args._[0];
if (!dir) {
  console.error(
    'usage: npm run evaluate -- <dataset-dir> [--per-person 10,25,50] [--test-per-person 10] [--seed 42] [--model ID] [--threshold T (default: the model’s calibrated one)] [--json FILE]',
  );
  process.exit(2);
}
const perPerson = String(args['per-person'] ?? '10');
const testPerPerson = Number(args['test-per-person'] ?? 10);
const seed = Number(args.seed ?? 42);
const match = args.match ?? 'average';
if (!['average', 'knn1', 'knn3'].includes(match)) {
  console.error(`--match must be average, knn1 or knn3, not ${match}`);
  process.exit(2);
}

if (args.pairs) {
  process.exit(
    await evaluatePairs({
      dir,
      pairsFile: args.pairs,
      model: args.model,
      crop: args.crop,
      json: args.json,
      build: !args['no-build'],
      outDir: args['out-dir'],
      minAccuracy: args['min-lfw-accuracy'],
      minSameSaidSame: args['min-same-said-same'],
      maxDifferentSaidSame: args['max-different-said-same'],
    }),
  );
}

const { page, memory, close } = await openApp({
  build: !args['no-build'],
  outDir: args['out-dir'],
  model: args.model,
  crop: args.crop,
});
let exitCode = 0;
try {
  const engine = await waitForEngine(page);
  // Without --threshold: the threshold the app itself sets on choosing the database (the model's
  // calibrated default), read back from the page, the one a user gets.
  let threshold = args.threshold !== undefined ? Number(args.threshold) : null;
  const t0 = performance.now();
  const dataset = await loadFolder(page, resolve(dir));
  const importSeconds = (performance.now() - t0) / 1000;

  // The clock starts with the form (a few ms of typing) and stops when the job ends.
  const t1 = performance.now();
  await buildDatabase(page, { perPerson, testPerPerson, seed });
  const enrolMessage = await waitForJob(page, 6 * 3_600_000);
  const enrolSeconds = (performance.now() - t1) / 1000;
  const enrolFaces = Number(/(\d+) faces embedded/.exec(enrolMessage ?? '')?.[1] ?? 0);
  const databases = (await page.evaluate(() => window.likeness.snapshot().databases)).filter(
    (g) => g.status === 'ready',
  );

  // The matching rule is a setting on the Dashboard tab, used by every recognition run.
  await openTab(page, 'dashboard');
  await page.locator(`input[name="match-rule"][value="${match}"]`).check();

  const results = [];
  let probeSeconds = 0;
  let probesEmbedded = 0;
  for (const count of perPerson.split(/[\s,]+/).map(Number)) {
    const database = databases.find((g) => g.perPerson === count && g.name.startsWith(dataset.name));
    if (!database) throw new Error(`No database was built for ${count} images per person`);
    await openTab(page, 'databases');
    await page.getByLabel(`Use ${database.name}`).check();
    await openTab(page, 'recognise');
    if (threshold !== null) await ui(page).recognise.threshold.fill(String(threshold));
    else threshold = Number(await ui(page).recognise.thresholdValue.textContent());
    const t2 = performance.now();
    await runRecognition(page);
    await waitForJob(page, 6 * 3_600_000);
    if (results.length === 0) {
      probeSeconds = (performance.now() - t2) / 1000;
      probesEmbedded = Number(await ui(page).recognise.tested.textContent());
    }
    const summary = JSON.parse((await page.locator('[data-summary]').getAttribute('data-summary')) ?? 'null');
    results.push({
      perPerson: count,
      identities: database.people,
      tested: summary.tested,
      top1: round(summary.top1, 4),
      ci95: summary.ci95.map((/** @type {number} */ x) => round(x, 4)),
      accuracyWithThreshold: round(summary.accuracyWithThreshold, 4),
      noMatch: round(summary.noMatch, 4),
      wrongPerson: round(summary.wrongPerson, 4),
    });
  }
  let openSet;
  let search;
  if (args.strangers) {
    await loadFolder(page, resolve(args.strangers));
    await page.waitForFunction((name) => window.likeness?.snapshot().dataset?.name !== name, dataset.name, {
      timeout: 3_600_000,
    });
    const strangersName = await page.evaluate(() => window.likeness.snapshot().dataset?.name ?? '');
    const most = Math.min(50, Math.max(...perPerson.split(/[\s,]+/).map(Number)));
    await evaluateOnDashboard(page, {
      dataset: dataset.name,
      testPerPerson,
      maxEnrol: most,
      seed,
      strangers: strangersName,
    });
    await waitForJob(page, 6 * 3_600_000);
    const os = JSON.parse((await ui(page).dashboard.tableOpenSet.getAttribute('data-open-set')) ?? 'null');
    /** @param {import('@playwright/test').Locator} table */
    const rows = (table) =>
      table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => ({ .../** @type {HTMLElement} */ (tr).dataset })));
    /** @param {{ threshold: number; far: number; frr: number; wrongPerson: number } | null} p */
    const point = (p) =>
      p && {
        threshold: round(p.threshold, 4),
        far: round(p.far, 4),
        frr: round(p.frr, 4),
        wrongPerson: round(p.wrongPerson, 4),
      };
    openSet = {
      strangers: strangersName,
      knownProbes: os.known,
      strangerImages: os.strangers,
      enrolledPerPerson: most,
      eerThreshold: round(os.eerThreshold, 4),
      eer: round(os.eer, 4),
      farAt1pct: point(os.at1pctFar),
      atEer: point(os.atEer),
      // At the threshold Recognise used (the model's calibrated default unless --threshold).
      atThreshold: point(os.atThreshold),
      verificationAuc: round(Number(await ui(page).dashboard.rocAuc.getAttribute('data-auc')), 4),
      accuracyVsEnrolment: (await rows(ui(page).dashboard.tableAccuracy)).map((r) => ({
        perPerson: Number(r.size),
        top1: round(Number(r.top1), 4),
      })),
      matchRules: (await rows(ui(page).dashboard.tableRules)).map((r) => ({
        rule: r.rule,
        top1: round(Number(r.top1), 4),
      })),
    };
    // The dashboard times each rule's search per probe by itself once its report is drawn.
    await page.waitForFunction(
      () => {
        const trs = [...document.querySelectorAll('[data-testid="table-rules"] tbody tr')];
        return (
          trs.length > 0 &&
          trs.every((tr) => /** @type {HTMLElement} */ (tr).dataset.msPerProbeAt10k !== undefined)
        );
      },
      undefined,
      { timeout: 600_000, polling: 500 },
    );
    search = (await rows(ui(page).dashboard.tableRules)).map((r) => ({
      rule: r.rule,
      rows: Number(r.rows),
      msPerProbe: round(Number(r.msPerProbe), 4),
      msPerProbeAt10k: round(Number(r.msPerProbeAt10k), 3),
    }));
  }

  const mem = await memory.stop();
  const totalSeconds = (performance.now() - t0) / 1000;
  const report = {
    model: engine.model,
    cropMode: engine.cropMode,
    backend: engine.backend,
    threads: engine.threads,
    seed,
    testPerPerson,
    threshold,
    match,
    dataset: { identities: dataset.people, images: dataset.images, skipped: dataset.skipped },
    results,
    facesPerSecond: round((enrolFaces + probesEmbedded) / (enrolSeconds + probeSeconds), 2),
    seconds: round(totalSeconds, 1),
    stageSeconds: {
      import: round(importSeconds, 1),
      enrol: round(enrolSeconds, 1),
      recognise: round(probeSeconds, 1),
    },
    peakJsHeapMB: mem.peakJsHeapMB,
    peakRendererRssMB: mem.peakRendererRssMB,
    ...(openSet ? { openSet } : {}),
    ...(search ? { search } : {}),
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  if (args.json) writeFileSync(args.json, json + '\n');
  if (args['min-named'] !== undefined) {
    const floor = Number(args['min-named']);
    const low = results.filter((r) => r.accuracyWithThreshold < floor);
    if (low.length) {
      console.error(
        `FAIL: named correctly at the threshold below the floor ${floor}: ${low.map((r) => `${r.perPerson}/person → ${r.accuracyWithThreshold}`).join(', ')}`,
      );
      exitCode = 1;
    } else console.error(`OK: named correctly at threshold ${threshold} ≥ ${floor} for every database`);
  }
  if (args['min-top1'] !== undefined) {
    const floor = Number(args['min-top1']);
    const low = results.filter((r) => r.top1 < floor);
    if (low.length) {
      console.error(
        `FAIL: top-1 below the floor ${floor}: ${low.map((r) => `${r.perPerson}/person → ${r.top1}`).join(', ')}`,
      );
      exitCode = 1;
    } else {
      console.error(`OK: top-1 ≥ ${floor} for every database`);
    }
  }
} catch (error) {
  console.error(`evaluate failed: ${error instanceof Error ? error.message : error}`);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
