// @ts-check
// npm run bench -- <dataset-dir> [--limit 500] [--backend auto|wasm|webgl|cpu] [--threads auto|1|2] [--workers auto|N]
//                  [--model arcface-mbf-grey] [--crop auto|align|detect|whole] [--reps 3] [--warmup 10]
//                  [--role enrol|probe] [--no-reference] [--no-build] [--out-dir DIR] [--json FILE]
// Builds and serves the app, imports the first N images of the folder through the UI, then in headless
// Chromium times the real engine's embedStored (decode → detect → align → embed → store, on the app's
// pool of engine workers: `--workers`, `--threads` per worker) and, on the same images and backend,
// face-api's detectSingleFace + landmarks + descriptor. Each timed repetition re-embeds every image (the
// previous repetition's embeddings are deleted first); Likeness and reference repetitions alternate; the
// warm-up (first `--warmup` images) is excluded. Prints JSON: median and [min, max] over repetitions.
// `--role enrol` (the default) embeds as enrolment does (a flip model's plain view only); `--role probe`
// as test images are (plain and mirror views).
import { writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { loadFolder, openApp, parseArgs, quarters, round } from './harness.mjs';
import { forgetEmbeddings, storedImageIds, subset, summarise } from './bench-support.mjs';
import { workerHeapSampler } from './worker-heaps.mjs';

const args = parseArgs(process.argv.slice(2), {
  limit: 'value',
  backend: 'value',
  threads: 'value',
  workers: 'value',
  model: 'value',
  crop: 'value',
  reps: 'value',
  warmup: 'value',
  json: 'value',
  role: 'value',
  'out-dir': 'value',
  'no-reference': 'flag',
  'no-build': 'flag',
});
const dir = args._[0];
if (!dir) {
  console.error(
    'usage: npm run bench -- <dataset-dir> [--limit N] [--backend auto|wasm|webgl|cpu] [--json FILE]',
  );
  process.exit(2);
}
const limit = Number(args.limit ?? 500);
const backend = /** @type {import('../src/engine/engine-protocol').BackendPreference} */ (
  args.backend ?? 'auto'
);
const threads = args.threads === undefined || args.threads === 'auto' ? undefined : Number(args.threads);
// Engine workers sharing the job (the app's default: one single-threaded WASM worker per core).
const workers = args.workers === undefined || args.workers === 'auto' ? undefined : Number(args.workers);
const modelId = args.model ?? 'arcface-mbf-grey'; // the app's default (src/engine/models.ts)
const cropMode = /** @type {import('../src/engine/engine-protocol').CropMode | 'auto'} */ (
  args.crop ?? 'auto'
);
const reps = Number(args.reps ?? 3);
const warmup = Number(args.warmup ?? 10);
const role = /** @type {import('../src/storage/schema').EmbeddingRole} */ (args.role ?? 'enrol');
if (!['auto', 'wasm', 'webgl', 'cpu'].includes(backend)) throw new Error(`--backend ${backend}?`);
if (!['enrol', 'probe'].includes(role)) throw new Error(`--role ${role}? (enrol or probe)`);
if (!(limit > 0 && reps > 0)) throw new Error('--limit and --reps must be positive');

const source = resolve(dir);
const { dir: folder, count } = subset(source, limit);
console.error(`bench: ${count} images from ${source} (copied to ${folder})`);

const {
  browser,
  page,
  memory: pageMemory,
  close,
} = await openApp({
  build: !args['no-build'],
  // Its own build (vite --mode bench): the app plus face-api's reference pipeline.
  outDir: args['out-dir'] ?? 'dist-bench',
  mode: 'bench',
});
let exitCode = 0;
try {
  const dataset = await loadFolder(page, folder);
  const imageIds = await storedImageIds(page, dataset.id);
  console.error(`bench: imported ${imageIds.length} images as ${dataset.name}`);

  // One timed pass in the page; the worker's own heap is sampled over CDP while it runs.
  const heaps = await workerHeapSampler(browser);
  /** @typedef {'likeness' | 'reference'} Kind */
  /** @type {Record<Kind, string[]>} */
  const benchWorkers = { likeness: [], reference: [] };
  /**
   * @param {Kind} kind
   * @param {string[]} ids
   * @returns {Promise<Record<string, any>>} the engine's or the reference's result, with the pass's memory
   */
  const timedPass = async (kind, ids) => {
    const started = Date.now();
    const result = await page.evaluate(
      async ({ kind, ids, datasetId, role }) => {
        const b = window.__bench;
        const t0 = performance.now();
        const result =
          kind === 'likeness'
            ? await b.engine.embedStored({ datasetId, imageIds: ids, role })
            : await /** @type {NonNullable<typeof b.reference>} */ (b.reference).api.run(ids);
        return { ...result, wall: (performance.now() - t0) / 1000 };
      },
      { kind, ids, datasetId: dataset.id, role },
    );
    await heaps.sample();
    const peakJsHeapMB = heaps.peakSumOf(benchWorkers[kind]);
    const tensors =
      kind === 'likeness'
        ? await page.evaluate(() => window.__bench.engine.memory().then((m) => m.numTensors))
        : null;
    const byQuarter = quarters(started, Date.now()).map((quarter) => ({
      workersMB: heaps.peakSumBetween(benchWorkers[kind], ...quarter),
      pageMB: pageMemory.peakBetween(...quarter),
    }));
    const retainedJsHeapMB = await heaps.retainedOf(benchWorkers[kind]);
    return { ...result, peakJsHeapMB, retainedJsHeapMB, byQuarter, tensors, loadAverage: loadavg()[0] };
  };
  /** The worker targets that appeared while `start` ran: the bench's own engine or reference workers. */
  /**
   * @template T
   * @param {Kind} kind
   * @param {() => Promise<T>} start
   */
  const newWorkers = async (kind, start) => {
    await heaps.sample();
    const before = new Set(heaps.workers().map((w) => w.id));
    const out = await start();
    await heaps.sample();
    benchWorkers[kind] = heaps
      .workers()
      .map((w) => w.id)
      .filter((id) => !before.has(id));
    return out;
  };

  // --- Likeness: a fresh engine worker, so the backend and WASM threads are chosen before WASM starts.
  // Its helper workers start with the first job, so the warm-up pass counts as part of its start.
  const warm = imageIds.slice(0, Math.min(warmup, imageIds.length));
  const info = await newWorkers('likeness', async () => {
    const info = await page.evaluate(
      async (settings) => {
        window.__bench = { engine: window.likeness.bench.engine() };
        return window.__bench.engine.configure(settings);
      },
      {
        backend,
        modelId,
        cropMode,
        ...(threads ? { wasmThreads: threads } : {}),
        ...(workers ? { workers } : {}),
      },
    );
    if (warm.length) {
      const warmed = await page.evaluate(
        ({ datasetId, ids, role }) => window.__bench.engine.embedStored({ datasetId, imageIds: ids, role }),
        { datasetId: dataset.id, ids: warm, role },
      );
      await forgetEmbeddings(page, warmed.modelKey, warm);
    }
    return info;
  });

  // --- Reference: face-api on the same images, backend and thread choice, in a worker of its own.
  let referenceBackend = null;
  if (!args['no-reference']) {
    referenceBackend = await newWorkers('reference', async () => {
      const info = await page.evaluate(
        async ({ backend, threads }) => {
          const create = window.likeness.bench.reference;
          if (!create)
            throw new Error('window.likeness has no reference: not a bench build (vite --mode bench)');
          const reference = (window.__bench.reference = create());
          const info = await reference.api.init(backend, threads);
          await reference.api.warmUp();
          return info;
        },
        { backend, threads },
      );
      if (warm.length) await page.evaluate((ids) => window.__bench.reference?.api.run(ids), warm);
      return info;
    });
  }

  // Repetitions alternate Likeness and the reference, so both meet the same load on a shared machine.
  /** @type {Record<string, any>[]} */
  const likenessRuns = [];
  /** @type {Record<string, any>[]} */
  const referenceRuns = [];
  for (let r = 0; r < reps; r++) {
    const run = await timedPass('likeness', imageIds);
    await forgetEmbeddings(page, run.modelKey, imageIds);
    const faces = run.embedded;
    likenessRuns.push({
      facesPerSecond: faces / run.seconds,
      imagesPerSecond: (run.embedded + run.failed) / run.seconds,
      failed: run.failed,
      ...run.msPerStage,
      peakJsHeapMB: run.peakJsHeapMB,
      retainedJsHeapMB: run.retainedJsHeapMB,
      tensors: run.tensors,
      byQuarter: run.byQuarter,
      loadAverage: run.loadAverage,
    });
    console.error(`bench: likeness rep ${r + 1}/${reps}`, JSON.stringify(likenessRuns.at(-1)));
    if (referenceBackend) {
      const run = await timedPass('reference', imageIds);
      referenceRuns.push({
        facesPerSecond: run.faces / run.seconds,
        imagesPerSecond: (run.faces + run.failed) / run.seconds,
        failed: run.failed,
        decode: run.msPerStage.decode,
        detectLandmarksDescribe: run.msPerStage.detect,
        peakJsHeapMB: run.peakJsHeapMB,
        retainedJsHeapMB: run.retainedJsHeapMB,
        loadAverage: run.loadAverage,
      });
      console.error(`bench: reference rep ${r + 1}/${reps}`, JSON.stringify(referenceRuns.at(-1)));
    }
  }
  await page.evaluate(() => {
    window.__bench.engine.terminate();
    window.__bench.reference?.terminate();
  });

  const pageMem = await pageMemory.stop();
  await heaps.stop();
  const likeness = summarise(likenessRuns, [
    'facesPerSecond',
    'imagesPerSecond',
    'decode',
    'detect',
    'align',
    'embed',
    'store',
    'peakJsHeapMB',
    'retainedJsHeapMB',
    'loadAverage',
  ]);
  const reference = referenceRuns.length
    ? summarise(referenceRuns, [
        'facesPerSecond',
        'imagesPerSecond',
        'decode',
        'detectLandmarksDescribe',
        'peakJsHeapMB',
        'retainedJsHeapMB',
        'loadAverage',
      ])
    : null;
  const report = {
    images: imageIds.length,
    repetitions: reps,
    warmupImages: warm.length,
    likeness: {
      model: info.model.id,
      cropMode: info.cropMode,
      role,
      backend: info.backend.name,
      threads: info.backend.threads,
      workers: info.workers,
      simd: info.backend.simd,
      facesPerSecond: likeness.facesPerSecond,
      imagesPerSecond: likeness.imagesPerSecond,
      failedImages: likenessRuns[0].failed,
      // Mean ms per image inside one worker; with several workers they overlap, so faces/s is the throughput.
      msPerStage: {
        decode: likeness.decode,
        detect: likeness.detect,
        align: likeness.align,
        embed: likeness.embed,
        store: likeness.store,
      },
      peakJsHeapMB: likeness.peakJsHeapMB,
      retainedJsHeapMB: likeness.retainedJsHeapMB,
      // Live tensors in all engine workers after each repetition: flat means nothing leaks per image.
      tensorsAfterEachRep: likenessRuns.map((r) => r.tensors),
      // Peak heap (engine workers summed, and the page) in each quarter of each repetition, in order.
      peakJsHeapMBByQuarter: likenessRuns.map((r) => r.byQuarter),
    },
    reference: reference && {
      pipeline: 'face-api detectSingleFace(SsdMobilenetv1).withFaceLandmarks().withFaceDescriptor()',
      backend: referenceBackend?.name,
      threads: referenceBackend?.threads,
      facesPerSecond: reference.facesPerSecond,
      imagesPerSecond: reference.imagesPerSecond,
      failedImages: referenceRuns[0].failed,
      msPerImage: { decode: reference.decode, detectLandmarksDescribe: reference.detectLandmarksDescribe },
      peakJsHeapMB: reference.peakJsHeapMB,
      retainedJsHeapMB: reference.retainedJsHeapMB,
    },
    // Peak JS heaps: each pipeline's own workers (CDP Runtime.getHeapUsage, sampled every 250 ms, each
    // worker's peak since it started, summed over the pool; retained = summed after a forced GC at the end of
    // a pass), and the page's main thread.
    // Likeness faces/s over the reference's (median of each); above 1 means Likeness is faster.
    ratio: reference ? round(likeness.facesPerSecond.median / reference.facesPerSecond.median, 3) : null,
    // The same ratio within each repetition (the two passes ran back to back, under the same load).
    ratioPerRep: referenceRuns.map((ref, i) => round(likenessRuns[i].facesPerSecond / ref.facesPerSecond, 3)),
    // 1-minute load average after each pass: on a shared machine, read the speeds against it.
    machine: {
      cores: availableParallelism(),
      loadAverage1m: { likeness: likeness.loadAverage, reference: reference?.loadAverage ?? null },
    },
    page: { peakJsHeapMB: pageMem.peakJsHeapMB, peakRendererRssMB: pageMem.peakRendererRssMB },
  };
  const json = JSON.stringify(report, null, 2);
  console.log(json);
  if (args.json) writeFileSync(args.json, json + '\n');
} catch (error) {
  console.error(`bench failed: ${error instanceof Error ? error.stack : error}`);
  exitCode = 1;
} finally {
  await close();
}
process.exit(exitCode);
