import { errorMessage, LikenessError } from '../core/errors';
import { createDatabase, databaseCentroid, withPersonEmbeddings, type FaceDatabase } from '../core/database';
import type { MatchRule } from '../core/matcher';
import { accepts } from '../core/verdict';
import { euclidean, l2Normalize } from '../core/vector';
import type { EngineClient } from '../bridge/engine-pool';
import type { FaceBox, StageTimings } from '../engine/engine-protocol';
import { enrolledIdsOf, getDatabase, putDatabase, readEmbeddings } from '../storage/databases';
import type { DatabaseRecord } from '../storage/schema';
import { matching } from './matching';

/** getUserMedia's failures, by DOMException name, as the three things a user can act on. */
export function cameraError(error: unknown): LikenessError {
  if (error instanceof LikenessError) return error;
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return new LikenessError(
        'camera-denied',
        'Camera access was denied. Allow the camera for this site (the camera icon in the address bar or the site settings), then press “Start camera”.',
        { cause: error },
      );
    case 'NotFoundError':
    case 'DevicesNotFoundError':
    case 'OverconstrainedError':
      return new LikenessError(
        'camera-missing',
        'No camera was found. Connect a camera and press “Start camera”.',
        {
          cause: error,
        },
      );
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return new LikenessError(
        'camera-busy',
        'The camera could not be started: it is probably in use by another application or tab. Close it there and press “Start camera”.',
        { cause: error },
      );
    default:
      return new LikenessError('camera-busy', `The camera could not be started: ${errorMessage(error)}`, {
        cause: error,
      });
  }
}

/** Thrown before asking for a camera where the browser offers none (no mediaDevices, or not https). */
export function noCameraApi(): LikenessError {
  return new LikenessError(
    'camera-missing',
    'This browser offers no camera to this page (cameras need https or localhost, and a browser that supports them).',
  );
}

export interface RankedPerson {
  personKey: string;
  person: string;
  distance: number;
}

/** The nearest person when within the threshold, else null ("No match"). */
export function answerAt(ranked: readonly RankedPerson[], threshold: number): RankedPerson | null {
  const nearest = ranked[0];
  return nearest && accepts(nearest.distance, threshold) ? nearest : null;
}

export interface SnapshotFace {
  box: FaceBox;
  embedding: Float32Array;
  crop: Blob;
  /** The person the matching rule picks, whatever the threshold; null without a face database. */
  best: RankedPerson | null;
  /** The three nearest people, nearest first; empty without a face database. */
  ranked: RankedPerson[];
}

export interface SnapshotResult {
  faces: SnapshotFace[];
  imageWidth: number;
  imageHeight: number;
  modelKey: string;
  /** The face database the faces were matched against, if any, and by which rule. */
  databaseId: string | null;
  rule: MatchRule;
  timings: StageTimings;
}

function databaseOf(record: DatabaseRecord): FaceDatabase {
  if (record.status !== 'ready' || !record.centroids) {
    throw new LikenessError('invalid-argument', `“${record.name}” is still being built`);
  }
  return createDatabase(record.identities, record.centroids, record.dim);
}

/**
 * Finds every face in a snapshot (or a photo to compare: `name` names it in errors) and matches each against the face database by the chosen rule,
 * as Recognise does. The threshold is applied where the answer is shown, so it can move live.
 */
export async function recogniseSnapshot(
  client: EngineClient,
  image: Blob,
  databaseId: string | null,
  rule: MatchRule,
  signal?: AbortSignal,
  name?: string,
): Promise<SnapshotResult> {
  const record = databaseId ? await getDatabase(databaseId) : undefined;
  if (databaseId && !record) throw new LikenessError('storage-failed', 'That face database no longer exists');
  const found = await client.embedAllFaces(image, { signal, name });
  if (record && found.modelKey !== record.modelKey) {
    throw new LikenessError(
      'invalid-argument',
      `“${record.name}” was built with ${record.modelKey}, but the engine now runs ${found.modelKey}`,
    );
  }
  // Left to right, so "Face 1" is the leftmost box.
  const faces = [...found.faces].sort((a, b) => a.box.x - b.box.x);
  const matched = record
    ? await matching().match(
        record.id,
        rule,
        faces.map((f) => f.embedding),
        3,
      )
    : null;
  return {
    faces: faces.map((face, i) => {
      const outcome = matched?.[i];
      return outcome ? { ...face, ...outcome } : { ...face, best: null, ranked: [] };
    }),
    imageWidth: found.imageWidth,
    imageHeight: found.imageHeight,
    modelKey: found.modelKey,
    databaseId: record?.id ?? null,
    rule,
    timings: found.timings,
  };
}

export interface SavedFace {
  databaseId: string;
  personKey: string;
  person: string;
  /** Distance from the saved face to the person's average before and after adding it. */
  before: number;
  after: number;
  /** Faces the average is now made of (enrolled plus added). */
  faces: number;
}

/**
 * Adds a face to a person of a face database: the embedding is kept with the database and the
 * person's centroid becomes the unit mean of their enrolled embeddings plus every added one.
 */
export async function addFaceToPerson(
  databaseId: string,
  personKey: string,
  embedding: Float32Array,
  modelKey: string,
): Promise<SavedFace> {
  const record = await getDatabase(databaseId);
  if (!record) throw new LikenessError('storage-failed', 'That face database no longer exists');
  if (record.modelKey !== modelKey) {
    throw new LikenessError(
      'invalid-argument',
      `This face was embedded with ${modelKey}, but “${record.name}” uses ${record.modelKey}`,
    );
  }
  const database = databaseOf(record);
  const index = record.identityKeys.indexOf(personKey);
  if (index < 0) throw new LikenessError('invalid-argument', `“${personKey}” is not in “${record.name}”`);
  const enrolledIds = enrolledIdsOf(record, personKey);
  const stored = await readEmbeddings(record.modelKey, enrolledIds, 'enrol');
  const enrolled = enrolledIds.flatMap((id) => {
    const e = stored.get(id)?.embedding;
    return e ? [e] : [];
  });
  const previousExtras = record.extraEmbeddings?.[personKey] ?? [];
  const extras = [...previousExtras, new Float32Array(embedding)];
  // A database imported without its embeddings has only the average: let it stand for the
  // perPerson faces it was built from, so one snapshot does not replace it.
  const basis =
    enrolled.length + previousExtras.length > 0
      ? enrolled
      : Array.from({ length: Math.max(1, record.perPerson) }, () => databaseCentroid(database, index));
  const updated = withPersonEmbeddings(database, index, [...basis, ...extras]);
  const probe = l2Normalize(embedding);
  const before = euclidean(probe, databaseCentroid(database, index));
  const after = euclidean(probe, databaseCentroid(updated, index));
  await putDatabase({
    ...record,
    centroids: updated.centroids,
    extraEmbeddings: { ...record.extraEmbeddings, [personKey]: extras },
  });
  return {
    databaseId,
    personKey,
    person: database.people[index]!,
    before,
    after,
    faces: enrolled.length + extras.length,
  };
}
