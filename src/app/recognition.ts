import { LikenessError } from '../core/errors';
import { createGallery } from '../core/gallery';
import { matchProbe } from '../core/match';
import { sample } from '../core/split';
import type { EngineClient } from '../bridge/engine';
import { getDataset, listImageIds } from '../storage/datasets';
import { readEmbeddings } from '../storage/galleries';
import type { GalleryRecord } from '../storage/schema';

export interface ProbeOutcome {
  imageId: string;
  identityKey: string;
  trueIdentity: string;
  /** Nearest person whatever the threshold; null when the image gave no face. */
  predicted: string | null;
  distance: number;
  /** The three nearest people. */
  ranked: { identity: string; distance: number }[];
  error: string | null;
}

export type ProbeScope = { kind: 'held-out' } | { kind: 'sample'; size: number; seed: number };

/** Held-out images only: a database's own enrolment images are never tested. */
export async function heldOutImages(gallery: GalleryRecord): Promise<{ id: string; identityKey: string }[]> {
  const enrolled = new Set(Object.values(gallery.enrolment).flat());
  const source = gallery.tests ?? (await listImageIds(gallery.datasetId));
  return Object.entries(source)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([identityKey, ids]) =>
      ids.filter((id) => !enrolled.has(id)).map((id) => ({ id, identityKey })),
    );
}

const matchChunk = 512;

/**
 * Embeds the probes (cached embeddings are reused) and matches each against
 * the database's per-person averages. Memory stays bounded: probes are read
 * back and matched in chunks.
 */
export async function recognise(
  client: EngineClient,
  galleryRecord: GalleryRecord,
  scope: ProbeScope,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number, failed: number) => void },
): Promise<ProbeOutcome[]> {
  if (galleryRecord.status !== 'ready' || !galleryRecord.centroids) {
    throw new LikenessError('invalid-argument', 'This face database is still being built');
  }
  const dataset = await getDataset(galleryRecord.datasetId);
  if (!dataset) throw new LikenessError('storage-failed', "This face database's dataset was deleted");
  const names = new Map(dataset.identities.map((i) => [i.key, i.name]));
  const gallery = createGallery(galleryRecord.identities, galleryRecord.centroids, galleryRecord.dim);

  let probes = await heldOutImages(galleryRecord);
  if (scope.kind === 'sample') probes = sample(probes, Math.min(scope.size, probes.length), scope.seed);
  const job = await client.embedStored(
    { datasetId: galleryRecord.datasetId, imageIds: probes.map((p) => p.id) },
    { signal: options.signal, onProgress: options.onProgress },
  );
  if (job.modelKey !== galleryRecord.modelKey) {
    throw new LikenessError(
      'invalid-argument',
      `This database was built with ${galleryRecord.modelKey}, but the engine now runs ${job.modelKey}`,
    );
  }

  const outcomes: ProbeOutcome[] = [];
  for (let start = 0; start < probes.length; start += matchChunk) {
    const chunk = probes.slice(start, start + matchChunk);
    const stored = await readEmbeddings(
      galleryRecord.modelKey,
      chunk.map((p) => p.id),
    );
    for (const probe of chunk) {
      const record = stored.get(probe.id);
      const trueIdentity = names.get(probe.identityKey) ?? probe.identityKey;
      if (!record?.embedding) {
        outcomes.push({
          imageId: probe.id,
          identityKey: probe.identityKey,
          trueIdentity,
          predicted: null,
          distance: Number.POSITIVE_INFINITY,
          ranked: [],
          error: record?.error?.message ?? 'Not embedded',
        });
        continue;
      }
      const match = matchProbe(gallery, record.embedding, Number.POSITIVE_INFINITY, 3);
      outcomes.push({
        imageId: probe.id,
        identityKey: probe.identityKey,
        trueIdentity,
        predicted: gallery.identities[match.nearestIndex] ?? null,
        distance: match.distance,
        ranked: match.ranked.map((r) => ({ identity: gallery.identities[r.index]!, distance: r.distance })),
        error: null,
      });
    }
  }
  return outcomes;
}
