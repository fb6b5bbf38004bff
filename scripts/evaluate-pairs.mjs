// @ts-check
// `npm run evaluate -- <lfw-dir> --pairs <pairs.txt>`: LFW's verification protocol through the real app.
// The folder is imported through the folder picker; the page's automation entry (window.likeness.lfw)
// embeds every image the pairs name with the engine's own stored-image job (cached in IndexedDB), and
// runs the k-fold protocol (src/core/lfw-pairs.ts): per fold, the threshold that maximises accuracy
// on the other folds. A pair whose image is missing or has no face counts as an error in its fold.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadFolder, openApp, round, waitForEngine } from './harness.mjs';

/**
 * Returns the process exit code.
 * @param {{ dir: string; pairsFile: string; model?: string; crop?: string; json?: string; build: boolean; outDir?: string; minAccuracy?: string; minSameSaidSame?: string; maxDifferentSaidSame?: string }} options
 */
export async function evaluatePairs({
  dir,
  pairsFile,
  model,
  crop,
  json,
  build,
  outDir,
  minAccuracy,
  minSameSaidSame,
  maxDifferentSaidSame,
}) {
  const pairsText = readFileSync(resolve(pairsFile), 'utf8');
  const { page, memory, close } = await openApp({ build, outDir, model, crop });
  let exitCode = 0;
  try {
    const file = await page.evaluate((text) => window.likeness.lfw.check(text), pairsText);
    console.error(`pairs: ${file.folds} folds × (${file.perFold} same + ${file.perFold} different)`);
    const engine = await waitForEngine(page);
    const t0 = performance.now();
    const dataset = await loadFolder(page, resolve(dir));
    const importSeconds = (performance.now() - t0) / 1000;

    let lastLog = 0;
    await page.exposeFunction(
      'lfwProgress',
      (/** @type {number} */ done, /** @type {number} */ total, /** @type {number} */ failed) => {
        if (performance.now() - lastLog < 10_000 && done < total) return;
        lastLog = performance.now();
        console.error(`embedding ${done}/${total} (${failed} without a face)`);
      },
    );
    const t1 = performance.now();
    const lfw = await page.evaluate(
      ([id, text]) => window.likeness.lfw.evaluate(id, text, (d, t, f) => void window.lfwProgress(d, t, f)),
      /** @type {[string, string]} */ ([dataset.id, pairsText]),
    );
    const embedSeconds = (performance.now() - t1) / 1000;
    const mem = await memory.stop();
    const report = {
      model: engine.model,
      cropMode: engine.cropMode,
      backend: engine.backend,
      threads: engine.threads,
      dataset: {
        name: dataset.name,
        identities: dataset.people,
        images: dataset.images,
        skipped: dataset.skipped,
      },
      lfw: {
        accuracy: round(lfw.accuracy, 4),
        std: round(lfw.std, 4),
        standardError: round(lfw.standardError, 4),
        folds: lfw.folds.length,
        pairs: lfw.pairs,
        missing: lfw.missing,
        missingScoredAs: 'wrong',
        accuracyExcludingMissing: round(lfw.accuracyExcludingMissing, 4),
        thresholds: lfw.folds.map((f) => round(f.threshold, 4)),
        atDefault: {
          threshold: lfw.atDefault.threshold,
          sameSaidSame: round(lfw.atDefault.sameSaidSame, 4),
          differentSaidSame: round(lfw.atDefault.differentSaidSame, 4),
        },
        bands: lfw.bands,
        foldAccuracies: lfw.folds.map((f) => round(f.accuracy, 4)),
        images: lfw.images,
        imagesMissing: lfw.imagesMissing,
        imagesWithoutFace: lfw.imagesWithoutFace,
        missingExamples: lfw.missingExamples,
        embedded: lfw.embedded,
        cached: lfw.cached,
      },
      facesPerSecond: lfw.embedded > 0 ? round(lfw.embedded / embedSeconds, 2) : null,
      seconds: round((performance.now() - t0) / 1000, 1),
      stageSeconds: { import: round(importSeconds, 1), embedAndScore: round(embedSeconds, 1) },
      peakJsHeapMB: mem.peakJsHeapMB,
      peakRendererRssMB: mem.peakRendererRssMB,
    };
    const text = JSON.stringify(report, null, 2);
    console.log(text);
    if (json) writeFileSync(json, text + '\n');
    if (minAccuracy !== undefined) {
      const floor = Number(minAccuracy);
      if (!(lfw.accuracy >= floor)) {
        console.error(
          `FAIL: LFW ${lfw.folds.length}-fold accuracy ${round(lfw.accuracy, 4)} is below the floor ${floor}`,
        );
        exitCode = 1;
      } else console.error(`OK: LFW ${lfw.folds.length}-fold accuracy ${round(lfw.accuracy, 4)} ≥ ${floor}`);
    }
    // Compare's own threshold, no fold fitting: same-person pairs called the same, different ones not.
    const { threshold, sameSaidSame, differentSaidSame } = lfw.atDefault;
    if (minSameSaidSame !== undefined) {
      const ok = sameSaidSame >= Number(minSameSaidSame);
      console.error(
        `${ok ? 'OK' : 'FAIL'}: at Compare's ${threshold}, ${round(sameSaidSame, 4)} of same-person pairs called the same (floor ${minSameSaidSame})`,
      );
      if (!ok) exitCode = 1;
    }
    if (maxDifferentSaidSame !== undefined) {
      const ok = differentSaidSame <= Number(maxDifferentSaidSame);
      console.error(
        `${ok ? 'OK' : 'FAIL'}: at Compare's ${threshold}, ${round(differentSaidSame, 4)} of different-person pairs called the same (ceiling ${maxDifferentSaidSame})`,
      );
      if (!ok) exitCode = 1;
    }
  } catch (error) {
    // page.evaluate appends the page's stack; the first line names the file's line at fault.
    console.error(
      `evaluate --pairs failed: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
    );
    exitCode = 1;
  } finally {
    await close();
  }
  return exitCode;
}
