import { LikenessError } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { sample } from '../core/split';
import type { EngineClient } from '../bridge/engine';
import { getDataset, listImageIds } from '../storage/datasets';
import { readEmbeddings } from '../storage/galleries';
import type { GalleryRecord } from '../storage/schema';
import { IMPORTED_DATASET_PREFIX } from './database-io';
import { matcherFor } from './matcher';

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

/**
 * Which images to test. `datasetId` is for imported databases, which have no dataset of their own:
 * every image of that loaded dataset is tested, people matched to the database by name.
 */
export type ProbeScope = ({ kind: 'held-out' } | { kind: 'sample'; size: number; seed: number }) & {
  datasetId?: string;
};

export const isImportedDatabase = (g: Pick<GalleryRecord, 'datasetId'>): boolean =>
  g.datasetId.startsWith(IMPORTED_DATASET_PREFIX);

/** Held-out images only: a database's own enrolment images are never tested. */
export async function heldOutImages(
  gallery: GalleryRecord,
  datasetId = gallery.datasetId,
): Promise<{ id: string; identityKey: string }[]> {
  const enrolled = new Set(Object.values(gallery.enrolment).flat());
  const source =
    datasetId === gallery.datasetId && gallery.tests ? gallery.tests : await listImageIds(datasetId);
  return Object.entries(source)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([identityKey, ids]) =>
      ids.filter((id) => !enrolled.has(id)).map((id) => ({ id, identityKey })),
    );
}

const matchChunk = 512;

/**
 * Embeds the probes (cached embeddings are reused) and matches each against
 * the database under the rule. Memory stays bounded: probes are read
 * back and matched in chunks.
 */
export async function recognise(
  client: EngineClient,
  galleryRecord: GalleryRecord,
  scope: ProbeScope,
  options: {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number, failed: number) => void;
    /** Match against each person's average (default) or by the k nearest enrolled images. */
    rule?: MatchRule;
  },
): Promise<ProbeOutcome[]> {
  if (galleryRecord.status !== 'ready' || !galleryRecord.centroids) {
    throw new LikenessError('invalid-argument', 'This face database is still being built');
  }
  const imported = isImportedDatabase(galleryRecord);
  if (imported && !scope.datasetId) {
    throw new LikenessError(
      'invalid-argument',
      'This database was imported and has no images of its own: choose a loaded dataset to recognise',
    );
  }
  const datasetId = (imported && scope.datasetId) || galleryRecord.datasetId;
  const dataset = await getDataset(datasetId);
  if (!dataset) {
    throw new LikenessError(
      'storage-failed',
      imported ? 'That dataset no longer exists' : "This face database's dataset was deleted",
    );
  }
  if (dataset.status !== 'ready')
    throw new LikenessError('invalid-argument', 'Finish importing that dataset first');
  const names = new Map(dataset.identities.map((i) => [i.key, i.name]));

  let probes = await heldOutImages(galleryRecord, datasetId);
  if (scope.kind === 'sample') probes = sample(probes, Math.min(scope.size, probes.length), scope.seed);
  const job = await client.embedStored(
    { datasetId, imageIds: probes.map((p) => p.id), role: 'probe' },
    { signal: options.signal, onProgress: options.onProgress },
  );
  if (job.modelKey !== galleryRecord.modelKey) {
    throw new LikenessError(
      'invalid-argument',
      `This database was built with ${galleryRecord.modelKey}, but the engine now runs ${job.modelKey}`,
    );
  }

  const matcher = await matcherFor(galleryRecord, options.rule ?? 'average', 3);

  const outcomes: ProbeOutcome[] = [];
  for (let start = 0; start < probes.length; start += matchChunk) {
    const chunk = probes.slice(start, start + matchChunk);
    const stored = await readEmbeddings(
      galleryRecord.modelKey,
      chunk.map((p) => p.id),
      'probe',
    );
    for (const probe of chunk) {
      const record = stored.get(probe.id);
      const row = {
        imageId: probe.id,
        identityKey: probe.identityKey,
        trueIdentity: names.get(probe.identityKey) ?? probe.identityKey,
      };
      if (!record?.embedding) {
        const error = record?.error?.message ?? 'Not embedded';
        outcomes.push({ ...row, predicted: null, distance: Number.POSITIVE_INFINITY, ranked: [], error });
      } else {
        const { best, ranked } = matcher.match(record.embedding);
        outcomes.push({
          ...row,
          predicted: best.identity,
          distance: best.distance,
          ranked: ranked.map((r) => ({ identity: r.identity, distance: r.distance })),
          error: null,
        });
      }
    }
  }
  return outcomes;
}
