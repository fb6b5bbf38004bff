import { LikenessError } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import { sample } from '../core/split';
import type { EngineClient } from '../bridge/engine-pool';
import { getDataset, listImageIds } from '../storage/datasets';
import { readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';
import { IMPORTED_DATASET_PREFIX } from './database-io';
import { matcherFor } from './matcher';

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

const matchChunk = 512;

/**
 * Embeds the probes (cached embeddings are reused) and matches each against
 * the database under the rule. Memory stays bounded: probes are read
 * back and matched in chunks.
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

  const matcher = await matcherFor(databaseRecord, options.rule ?? 'average', 3);

  const outcomes: ProbeOutcome[] = [];
  for (let start = 0; start < probes.length; start += matchChunk) {
    const chunk = probes.slice(start, start + matchChunk);
    const stored = await readEmbeddings(
      databaseRecord.modelKey,
      chunk.map((p) => p.id),
      'probe',
    );
    for (const probe of chunk) {
      const record = stored.get(probe.id);
      const row = {
        imageId: probe.id,
        personKey: probe.personKey,
        truePerson: names.get(probe.personKey) ?? probe.personKey,
      };
      if (!record?.embedding) {
        const error = record?.error?.message ?? 'Not embedded';
        outcomes.push({ ...row, predicted: null, distance: Number.POSITIVE_INFINITY, ranked: [], error });
      } else {
        const { best, ranked } = matcher.match(record.embedding);
        outcomes.push({
          ...row,
          predicted: best.person,
          distance: best.distance,
          ranked: ranked.map((r) => ({ person: r.person, distance: r.distance })),
          error: null,
        });
      }
    }
  }
  return outcomes;
}
