import { errorMessage, LikenessError } from '../core/errors';
import type { View } from './embedder';
import { embedFace, relativeBox } from './pipeline';
import { decodeAhead, missingViews, writeBehind, writeEmbeddings } from './stored';
import { viewKeyOf } from '../core/model-key';
import type { EmbeddingRecord } from '../storage/schema';
import type { ProgressCallback, StoredJob, StoredJobResult } from './engine-protocol';
import { checkpoint, currentModelKey, readyEmbedder, unlessContextLost, type EngineSession } from './session';

/** A face embedded while the context was going away may be garbage (readbacks of a dead context are zeros). */
function usable(embedding: Float32Array): boolean {
  let norm = 0;
  for (const x of embedding) norm += x * x;
  return Number.isFinite(norm) && Math.abs(norm - 1) < 1e-3;
}

/**
 * Embeds stored images and persists each embedding as it is computed (in small
 * batches), skipping any already stored, so a reload or crash resumes where it stopped.
 */
export async function embedStored(
  session: EngineSession,
  jobId: string,
  job: StoredJob,
  onProgress?: ProgressCallback,
): Promise<StoredJobResult> {
  const model = readyEmbedder(session);
  const modelKey = currentModelKey(session);
  const t0 = performance.now();
  const wanted: readonly View[] = job.role === 'probe' ? model.views : ['plain'];
  const todo = await missingViews(modelKey, job.imageIds, wanted);
  const cached = job.imageIds.length - todo.length;
  const totals = { decode: 0, detect: 0, align: 0, embed: 0, store: 0 };
  let embedded = 0;
  let failed = 0;
  const writer = writeBehind(writeEmbeddings);
  onProgress?.(cached, job.imageIds.length, 0);
  try {
    const nextImage = decodeAhead(
      todo.map((t) => t.id),
      (id) => id.slice(job.datasetId.length + 1),
    );
    for (let i = 0; i < todo.length; i++) {
      const current = await checkpoint(session, jobId);
      const { id, views } = todo[i]!;
      const s = performance.now();
      const decoded = await nextImage();
      totals.decode += performance.now() - s;
      const records: EmbeddingRecord[] = views.map((v) => ({
        modelKey: viewKeyOf(modelKey, v),
        imageId: id,
        datasetId: job.datasetId,
        embedding: null,
        error: null,
      }));
      try {
        if ('error' in decoded) throw decoded.error;
        let face = await unlessContextLost(
          session,
          embedFace(decoded.pixels, current, session.locator, session.cropMode, false, views),
        ).catch((error: unknown) => {
          if (!session.gpuContextLost) throw error;
          return null;
        });
        // The GPU went away during this image: embed it again on WASM rather than store a failure.
        if (
          !face ||
          session.gpuContextLost ||
          (session.backend?.name === 'webgl' && !views.every((v) => usable(face!.views[v]!)))
        ) {
          session.gpuContextLost = true;
          face = await embedFace(
            decoded.pixels,
            await checkpoint(session, jobId),
            session.locator,
            session.cropMode,
            false,
            views,
          );
        }
        totals.detect += face.timings.detect;
        totals.align += face.timings.align;
        totals.embed += face.timings.embed;
        views.forEach((v, k) => {
          records[k]!.embedding = face.views[v]!;
          if (face.faces !== null) records[k]!.faces = face.faces;
          if (face.faces !== null && face.faces > 1 && face.box)
            records[k]!.face = relativeBox(face.box, decoded.pixels);
        });
        embedded++;
      } catch (error) {
        if (
          error instanceof LikenessError &&
          (error.code === 'storage-failed' || error.code === 'storage-full')
        )
          throw error;
        failed++;
        const reason = {
          code: error instanceof LikenessError ? error.code : 'embed-failed',
          message: errorMessage(error),
        };
        for (const record of records) record.error = reason;
      }
      await writer.push(...records);
      onProgress?.(cached + i + 1, job.imageIds.length, failed);
    }
  } finally {
    // Whatever happened, keep what was computed.
    await writer.settle();
    totals.store = writer.waitedMs;
    session.cancelled.delete(jobId);
  }
  writer.check();
  const n = Math.max(1, embedded + failed);
  return {
    modelKey,
    embedded,
    failed,
    cached,
    seconds: (performance.now() - t0) / 1000,
    msPerStage: {
      decode: totals.decode / n,
      detect: totals.detect / n,
      align: totals.align / n,
      embed: totals.embed / n,
      store: totals.store / n,
    },
  };
}
