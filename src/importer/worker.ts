import * as Comlink from 'comlink';
import { LikenessError } from '../core/errors';
import { installErrorTransfer } from '../worker-shared/comlink-errors';
import {
  countImagesByPerson,
  deleteDataset,
  getDataset,
  imageIdOf,
  putDataset,
  putImages,
  storedImageIds,
} from '../storage/datasets';
import type { DatasetRecord, ImageRecord, SkippedFile } from '../storage/schema';
import { planImport, planLibrary, sortSkipped } from './plan';
import type { ImportProgress, ImportRequest, ImportResult } from './import-protocol';
import { makeThumbnail } from '../codecs/thumbnail';

export type ProgressCallback = (progress: ImportProgress) => void;

/** Images per IndexedDB transaction: large enough to amortise commits, small enough to bound memory. */
export const batchSize = 50;
/** Decodes in flight: createImageBitmap decodes on the browser's own threads, so a few overlap well. */
export const lanes = 4;
const progressEveryMs = 100;

const cancelled = new Set<string>();

async function importFolder(
  jobId: string,
  request: ImportRequest,
  onProgress?: ProgressCallback,
): Promise<ImportResult> {
  const started = performance.now();
  const { datasetId } = request;
  const fileByPath = new Map(request.files.map((f) => [f.path, f.file]));
  const library = request.kind === 'library';
  const plan = (library ? planLibrary : planImport)(
    request.files.map((f) => ({ path: f.path, size: f.file.size, type: f.file.type })),
    request,
  );

  const existing = request.resume || request.add ? await getDataset(datasetId) : undefined;
  if (request.resume || request.add) {
    if (!existing) throw new LikenessError('invalid-argument', 'That dataset no longer exists');
    if (!request.add && existing.name !== plan.name) {
      throw new LikenessError(
        'invalid-import',
        `This dataset was imported from the folder “${existing.name}”, but “${plan.name}” was picked. Pick “${existing.name}” to resume.`,
      );
    }
  }
  if (plan.images.length === 0 && !existing)
    return { kind: 'nothing', name: plan.name, skipped: plan.skipped };

  const record: DatasetRecord = {
    id: datasetId,
    ...(library ? { kind: 'library' as const } : {}),
    name: request.add && existing ? existing.name : plan.name,
    createdAt: existing?.createdAt ?? Date.now(),
    status: 'importing',
    identities: plan.people,
    imageCount: plan.images.length,
    skipped: request.add && existing ? sortSkipped([...existing.skipped, ...plan.skipped]) : plan.skipped,
  };
  await putDataset(record);

  const stored = new Set(request.resume || request.add ? await storedImageIds(datasetId) : []);
  const todo = plan.images.filter((image) => !stored.has(imageIdOf(datasetId, image.path)));
  const alreadyStored = plan.images.length - todo.length;
  const undecodable: SkippedFile[] = [];
  let done = alreadyStored;
  let lastReport = 0;
  const report = (force = false) => {
    const now = performance.now();
    if (!onProgress || (!force && now - lastReport < progressEveryMs)) return;
    lastReport = now;
    void onProgress({ datasetId, done, total: plan.images.length, undecodable: undecodable.length });
  };
  report(true);

  // Writes are chained: one transaction in flight while the lanes keep decoding, and a lane that
  // fills the next batch waits for the previous write, so at most two batches are held.
  let batch: ImageRecord[] = [];
  let writing: Promise<void> = Promise.resolve();
  const flush = (): Promise<void> => {
    const records = batch;
    batch = [];
    const previous = writing;
    writing = previous.then(() => putImages(records));
    writing.catch(() => {});
    return previous;
  };

  let next = 0;
  let failed = false;
  const lane = async () => {
    try {
      while (next < todo.length && !failed && !cancelled.has(jobId)) {
        const image = todo[next++]!;
        const file = fileByPath.get(image.path)!;
        try {
          const { thumb, width, height } = await makeThumbnail(file);
          batch.push({
            id: imageIdOf(datasetId, image.path),
            datasetId,
            identityKey: image.personKey,
            path: image.path,
            blob: file,
            thumb,
            width,
            height,
          });
        } catch {
          undecodable.push({ path: image.path, reason: 'undecodable' });
        }
        done++;
        report();
        if (batch.length >= batchSize) await flush();
      }
    } catch (error) {
      failed = true;
      throw error;
    }
  };

  try {
    await Promise.all(Array.from({ length: lanes }, lane));
    // Whatever finished is kept, also when cancelled: a resume will not redo it.
    void flush();
    await writing;
  } finally {
    report(true);
  }
  if (cancelled.delete(jobId)) throw new LikenessError('aborted', 'Import cancelled');

  if (library) {
    const imageCount = (await storedImageIds(datasetId)).length;
    const skipped = sortSkipped([...record.skipped, ...undecodable]);
    const dataset: DatasetRecord = { ...record, status: 'ready', imageCount, skipped };
    if (imageCount === 0) {
      await deleteDataset(datasetId);
      return { kind: 'nothing', name: plan.name, skipped };
    }
    await putDataset(dataset);
    const imported = todo.length - undecodable.length;
    return {
      kind: 'imported',
      dataset,
      imported,
      alreadyStored,
      seconds: (performance.now() - started) / 1000,
    };
  }
  const counts = await countImagesByPerson(
    datasetId,
    plan.people.map((i) => i.key),
  );
  const people = plan.people.map((person, i) => ({ ...person, imageCount: counts[i] ?? 0 }));
  const kept = people.filter((i) => i.imageCount > 0);
  const imageCount = kept.reduce((sum, i) => sum + i.imageCount, 0);
  const skipped = sortSkipped([
    ...plan.skipped,
    ...undecodable,
    ...people.filter((i) => i.imageCount === 0).map((i) => ({ path: `${i.key}/`, reason: 'no-images' })),
  ]);
  if (imageCount === 0) {
    await deleteDataset(datasetId);
    return { kind: 'nothing', name: plan.name, skipped };
  }
  const dataset: DatasetRecord = { ...record, status: 'ready', identities: kept, imageCount, skipped };
  await putDataset(dataset);
  return {
    kind: 'imported',
    dataset,
    imported: todo.length - undecodable.length,
    alreadyStored,
    seconds: (performance.now() - started) / 1000,
  };
}

const api = {
  importFolder,
  cancel(jobId: string): void {
    cancelled.add(jobId);
  },
};

export type ImporterApi = typeof api;

installErrorTransfer();
Comlink.expose(api);
