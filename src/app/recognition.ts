import { LikenessError } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { sample } from '../core/split';
import type { EngineClient } from '../bridge/engine-pool';
import { getDataset, listImageIds } from '../storage/datasets';
import type { DatabaseRecord } from '../storage/schema';
import { IMPORTED_DATASET_PREFIX } from './database-io';
import { matching } from './matching';

export interface ProbeOutcome {
  imageId: string;
  personKey: string;
  truePerson: string;
  /** Nearest person whatever the threshold; null when the image gave no face. */
  predicted: string | null;
  distance: number;
  /** The three nearest people. */
  ranked: { person: string; distance: number }[];
  error: string | null;
}

/**
 * Which images to test. `datasetId` is for imported databases, which have no dataset of their own:
 * every image of that loaded dataset is tested, people matched to the database by name.
 */
export type ProbeScope = ({ kind: 'held-out' } | { kind: 'sample'; size: number; seed: number }) & {
  datasetId?: string;
};

export const isImportedDatabase = (g: Pick<DatabaseRecord, 'datasetId'>): boolean =>
  g.datasetId.startsWith(IMPORTED_DATASET_PREFIX);

/** Held-out images only: a database's own enrolment images are never tested. */
export async function heldOutImages(
  database: DatabaseRecord,
  datasetId = database.datasetId,
): Promise<{ id: string; personKey: string }[]> {
  const enrolled = new Set(Object.values(database.enrolment).flat());
  const source =
    datasetId === database.datasetId && database.tests ? database.tests : await listImageIds(datasetId);
  return Object.entries(source)
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([personKey, ids]) => ids.filter((id) => !enrolled.has(id)).map((id) => ({ id, personKey })));
}

/**
 * Embeds the probes (cached embeddings are reused) and matches each against the database under the
 * rule, in the matching worker (which reads them back in chunks, so memory stays bounded).
 */
export async function recognise(
  client: EngineClient,
  databaseRecord: DatabaseRecord,
  scope: ProbeScope,
  options: {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number, failed: number) => void;
    /** Match against each person's average (default) or by the k nearest enrolled images. */
    rule?: MatchRule;
  },
): Promise<ProbeOutcome[]> {
  if (databaseRecord.status !== 'ready' || !databaseRecord.centroids) {
    throw new LikenessError('invalid-argument', 'This face database is still being built');
  }
  const imported = isImportedDatabase(databaseRecord);
  if (imported && !scope.datasetId) {
    throw new LikenessError(
      'invalid-argument',
      'This database was imported and has no images of its own: choose a loaded dataset to recognise',
    );
  }
  const datasetId = (imported && scope.datasetId) || databaseRecord.datasetId;
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

  let probes = await heldOutImages(databaseRecord, datasetId);
  if (scope.kind === 'sample') probes = sample(probes, Math.min(scope.size, probes.length), scope.seed);
  const job = await client.embedStored(
    { datasetId, imageIds: probes.map((p) => p.id), role: 'probe' },
    { signal: options.signal, onProgress: options.onProgress },
  );
  if (job.modelKey !== databaseRecord.modelKey) {
    throw new LikenessError(
      'invalid-argument',
      `This database was built with ${databaseRecord.modelKey}, but the engine now runs ${job.modelKey}`,
    );
  }

  const matched = await matching().matchStored(
    databaseRecord.id,
    options.rule ?? 'average',
    probes.map((p) => p.id),
    3,
    { signal: options.signal },
  );
  const outcomes = probes.map((probe, i): ProbeOutcome => {
    const row = {
      imageId: probe.id,
      personKey: probe.personKey,
      truePerson: names.get(probe.personKey) ?? probe.personKey,
    };
    const outcome = matched[i]!;
    if ('error' in outcome) {
      return {
        ...row,
        predicted: null,
        distance: Number.POSITIVE_INFINITY,
        ranked: [],
        error: outcome.error,
      };
    }
    return {
      ...row,
      predicted: outcome.best.person,
      distance: outcome.best.distance,
      ranked: outcome.ranked.map((r) => ({ person: r.person, distance: r.distance })),
      error: null,
    };
  });
  return outcomes;
}
