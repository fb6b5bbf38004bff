import { LikenessError } from './errors';
import { CROP_MODES, isCropMode, modelKeyOf, type CropMode, type ModelKey } from './model-key';

/** A face database as a portable JSON file (Export / Import on the Face databases tab). */
export const DATABASE_FORMAT = 'likeness-face-database';
export const DATABASE_VERSION = 1;

export interface DatabaseEnrolmentInfo {
  perPerson: number;
  seed: number;
  createdAt: number;
  datasetName: string;
}

export interface FaceDatabaseFile {
  format: typeof DATABASE_FORMAT;
  version: typeof DATABASE_VERSION;
  name: string;
  modelId: string;
  /** `${modelId}|${cropMode}`: embeddings from another crop mode are not comparable. */
  modelKey: string;
  dim: number;
  /** The people's names; stored as `identities` since version 1 (storage/schema.ts). */
  identities: string[];
  /** One unit centroid per person, `dim` numbers each. */
  centroids: number[][];
  enrolment: DatabaseEnrolmentInfo;
  /** Optional enrolment embeddings, per person (same order as people). */
  embeddings?: number[][][];
}

/** What an import gives back: validated, as typed arrays. */
export interface ImportedDatabase {
  name: string;
  modelId: string;
  modelKey: ModelKey;
  cropMode: CropMode;
  dim: number;
  people: string[];
  centroids: Float32Array;
  enrolment: DatabaseEnrolmentInfo;
  embeddings: Float32Array[][] | null;
}

export interface InstalledModel {
  id: string;
  dim: number;
}

/** Limits that keep a hostile file from exhausting memory: well above any real database. */
export const MAX_PEOPLE = 200_000;
export const MAX_DIM = 8192;
export const MAX_EMBEDDINGS_PER_PERSON = 10_000;

export function toDatabaseFile(db: {
  name: string;
  modelId: string;
  modelKey: string;
  dim: number;
  people: readonly string[];
  centroids: Float32Array;
  enrolment: DatabaseEnrolmentInfo;
  embeddings?: readonly (readonly Float32Array[])[];
}): FaceDatabaseFile {
  const { dim } = db;
  return {
    format: DATABASE_FORMAT,
    version: DATABASE_VERSION,
    name: db.name,
    modelId: db.modelId,
    modelKey: db.modelKey,
    dim,
    identities: [...db.people],
    centroids: db.people.map((_, i) => Array.from(db.centroids.subarray(i * dim, (i + 1) * dim))),
    enrolment: { ...db.enrolment },
    ...(db.embeddings ? { embeddings: db.embeddings.map((list) => list.map((e) => Array.from(e))) } : {}),
  };
}

function reject(message: string): never {
  throw new LikenessError('invalid-import', message);
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** A `dim`-long row of finite numbers with a direction (norm > 0), copied into `into` at `offset`. */
function readVector(raw: unknown, dim: number, where: string, into: Float32Array, offset: number): void {
  if (!Array.isArray(raw)) reject(`${where} is not a list of numbers`);
  if (raw.length !== dim) reject(`${where} has ${raw.length} numbers, expected dimension ${dim}`);
  let sq = 0;
  for (let j = 0; j < dim; j++) {
    const x: unknown = raw[j];
    // JSON cannot hold NaN or Infinity; a file may still carry null or a string there.
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      reject(`${where}, number ${j + 1} is not a finite number (${JSON.stringify(x) ?? String(x)})`);
    }
    const f = Math.fround(x);
    if (!Number.isFinite(f)) reject(`${where}, number ${j + 1} is too large for a 32-bit float`);
    into[offset + j] = f;
    sq += f * f;
  }
  if (!(sq > 0)) reject(`${where} is a zero vector`);
}

/**
 * Parses and validates an exported face database, all or nothing: every problem is reported with a
 * specific message (which field, which person), and nothing is returned unless all of it is valid.
 */
export function parseDatabaseFile(text: string, installed: readonly InstalledModel[]): ImportedDatabase {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    reject(`Not a face database: the file is not valid JSON (${e instanceof Error ? e.message : e})`);
  }
  if (!isRecord(raw) || raw.format !== DATABASE_FORMAT) {
    reject(`Not a face database: "format" must be "${DATABASE_FORMAT}"`);
  }
  if (raw.version !== DATABASE_VERSION) {
    reject(
      `Unsupported face database version ${JSON.stringify(raw.version)}: this app reads version ${DATABASE_VERSION}`,
    );
  }
  const { modelId, modelKey, dim } = raw;
  if (typeof modelId !== 'string' || modelId === '') reject('"modelId" is missing');
  if (typeof modelKey !== 'string') reject('"modelKey" is missing');
  const cropMode = modelKey.startsWith(`${modelId}|`) ? modelKey.slice(modelId.length + 1) : '';
  if (!isCropMode(cropMode)) {
    reject(`"modelKey" must be "${modelId}|" followed by one of ${CROP_MODES.join(', ')}; got "${modelKey}"`);
  }
  const model = installed.find((m) => m.id === modelId);
  if (!model) {
    reject(
      `This database was built with model "${modelId}", which is not installed here (installed: ${installed.map((m) => m.id).join(', ') || 'none'})`,
    );
  }
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim <= 0 || dim > MAX_DIM) {
    reject(`"dim" must be a whole number from 1 to ${MAX_DIM}, got ${JSON.stringify(dim)}`);
  }
  if (dim !== model.dim) {
    reject(`Dimension mismatch: the file has ${dim}-d embeddings, but ${modelId} makes ${model.dim}-d ones`);
  }

  const { identities: people } = raw;
  if (!Array.isArray(people) || people.length === 0) reject('"identities" must be a non-empty list');
  if (people.length > MAX_PEOPLE) reject(`Too many people: ${people.length} (at most ${MAX_PEOPLE})`);
  const seen = new Set<string>();
  people.forEach((name: unknown, i) => {
    if (typeof name !== 'string' || name.trim() === '') reject(`Person ${i + 1} has no name`);
    if (seen.has(name)) reject(`Person "${name}" appears twice`);
    seen.add(name);
  });
  const names = people as string[];

  if (!Array.isArray(raw.centroids)) reject('"centroids" must be a list of vectors');
  if (raw.centroids.length !== names.length) {
    reject(`${names.length} people but ${raw.centroids.length} centroids`);
  }
  const centroids = new Float32Array(names.length * dim);
  raw.centroids.forEach((row: unknown, i) =>
    readVector(row, dim, `Centroid of "${names[i]}"`, centroids, i * dim),
  );

  const e = raw.enrolment;
  if (!isRecord(e)) reject('"enrolment" is missing');
  const whole = (x: unknown, what: string, min: number) => {
    if (typeof x !== 'number' || !Number.isInteger(x) || x < min)
      reject(`"enrolment.${what}" must be a whole number ≥ ${min}`);
    return x;
  };
  const enrolment: DatabaseEnrolmentInfo = {
    perPerson: whole(e.perPerson, 'perPerson', 0),
    seed: whole(e.seed, 'seed', -(2 ** 53)),
    createdAt: whole(e.createdAt, 'createdAt', 0),
    datasetName:
      typeof e.datasetName === 'string' ? e.datasetName : reject('"enrolment.datasetName" must be text'),
  };

  let embeddings: Float32Array[][] | null = null;
  if (raw.embeddings !== undefined) {
    if (!Array.isArray(raw.embeddings) || raw.embeddings.length !== names.length) {
      reject(`"embeddings" must hold one list per person (${names.length})`);
    }
    embeddings = raw.embeddings.map((list: unknown, i) => {
      const who = names[i]!;
      if (!Array.isArray(list)) reject(`Embeddings of "${who}" are not a list`);
      if (list.length > MAX_EMBEDDINGS_PER_PERSON)
        reject(`"${who}" has too many embeddings (${list.length})`);
      return list.map((row: unknown, k) => {
        const out = new Float32Array(dim);
        readVector(row, dim, `Embedding ${k + 1} of "${who}"`, out, 0);
        return out;
      });
    });
  }

  const name =
    typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : `Imported · ${modelId}`;
  return {
    name,
    modelId,
    modelKey: modelKeyOf(modelId, cropMode),
    cropMode,
    dim,
    people: [...names],
    centroids,
    enrolment,
    embeddings,
  };
}
