import type { DBSchema } from 'idb';
import type { CropMode, ModelKey, ViewKey } from '../core/model-key';
import type { ExclusionReason } from '../core/robust-centroid';
import type { LibraryState } from '../core/library/state';

/**
 * IndexedDB layout. Everything the app knows lives here, on this device:
 * imported images (original bytes and thumbnails, so nothing needs the
 * original folder after a reload), embeddings cached per model, and face
 * databases (per-person L2-normalised average embeddings).
 *
 * Names on disk: the code says "database" and "person", but what was stored since v1 keeps its old
 * spelling, so existing data reads unchanged: the object store 'galleries', the index 'by-identity',
 * and the fields `identities`, `identityKeys` (DatabaseRecord, DatasetRecord) and `identityKey`
 * (ImageRecord). The exported file (core/database-file.ts) keeps `identities` too, and the CSV
 * exports keep their `identity` columns.
 */
export const dbName = 'likeness';
/**
 * 2: a flip model's embeddings are stored per view (plain under the model key, mirror under `…#mirror`).
 * 3: the 'session' store: what the user chose and last saw, so a reload on any tab comes back to it.
 * 4: photo libraries: the faces found in each photo ('photoFaces') and the user's decisions ('libraries').
 */
export const dbVersion = 4;

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface PersonRecord {
  /** Folder path from the picked folder down, root first (`pins-dev/pins_A`); unique within the dataset. */
  key: string;
  /** Display name from the folder name (plain text, never HTML). */
  name: string;
  imageCount: number;
}

export interface DatasetRecord {
  id: string;
  /** 'library': a photo library (no folder per person; faces are found and grouped). Absent: a labelled dataset. */
  kind?: 'library';
  name: string;
  createdAt: number;
  status: 'importing' | 'ready';
  identities: PersonRecord[];
  imageCount: number;
  skipped: SkippedFile[];
}

export interface ImageRecord {
  /** `${datasetId}:${path}` */
  id: string;
  datasetId: string;
  identityKey: string;
  path: string;
  /** Original file bytes, so enrolment can resume after a reload. */
  blob: Blob;
  thumb: Blob | null;
  width: number;
  height: number;
}

export type { ModelKey } from '../core/model-key';

/**
 * What an image is used for. An enrolment image counts with its plain view only; a probe (test
 * image, stranger, LFW pair) with all the model's views (plain and mirror for a flip model), which
 * measured as accurate as flipping both and halves enrolment's cost (docs/performance.md).
 */
export type EmbeddingRole = 'enrol' | 'probe';

export interface EmbeddingRecord {
  /** The model key for the plain view; `${modelKey}#mirror` for a flip model's mirror view. */
  modelKey: ViewKey;
  imageId: string;
  datasetId: string;
  /** null when the image failed (no face, undecodable): the reason is kept. */
  embedding: Float32Array | null;
  error: { code: string; message: string } | null;
  /** Faces the detector found in the image (absent in records stored before it was counted). */
  faces?: number;
  /** With several faces: the one embedded, as fractions of the image's width and height. */
  face?: RelativeBox;
}

/** A box as fractions (0..1) of its image's width and height, so it fits any copy of the image. */
export interface RelativeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DatabaseRecord {
  id: string;
  name: string;
  datasetId: string;
  modelKey: ModelKey;
  modelId: string;
  cropMode: CropMode;
  dim: number;
  perPerson: number;
  /** Images per person held out for testing before enrolment picks (0 = all the rest are tests). */
  testPerPerson: number;
  seed: number;
  createdAt: number;
  status: 'enrolling' | 'ready';
  /** Planned enrolment, person key → image ids. Enrolled images are never tested. */
  enrolment: Record<string, string[]>;
  /** Held-out test images per person key, when testPerPerson > 0. */
  tests: Record<string, string[]> | null;
  /** Filled when ready: person display names and the flat centroid matrix (n × dim). */
  identities: string[];
  identityKeys: string[];
  centroids: Float32Array | null;
  /**
   * Faces added to a person after enrolment (e.g. from a camera snapshot), person key →
   * embeddings. Each person's centroid is the unit mean of their enrolled embeddings plus these.
   */
  extraEmbeddings?: Record<string, Float32Array[]>;
  /**
   * Enrolment images left out of their person's average (core/robust-centroid.ts), person key →
   * image id, reason and distance. Absent in databases built before enrolment was robust.
   */
  /** Leave out enrolment images at least this far from their person's median (the model's threshold). */
  outlierDistance?: number;
  excluded?: Record<string, { imageId: string; reason: ExclusionReason; distance: number; of?: string }[]>;
  /** Per person, the enrolment photos in which several faces were found, with the face embedded. */
  severalFaces?: Record<string, { imageId: string; faces: number; face?: RelativeBox }[]>;
}

/** One face found in a library photo. */
export interface LibraryFace {
  /** Where it is, as fractions of the upright photo. */
  box: RelativeBox;
  /** The detector's score (0..1). */
  score: number;
  /** Its shorter side in pixels of the picture the detector saw (the photo at most 1,280 px long). */
  size: number;
  /** Variance of the Laplacian of its aligned grey crop: low when it is blurred (core/library/quality.ts). */
  sharpness: number;
  /** Unit length, the model's own (views averaged). */
  embedding: Float32Array;
  /** The face and some of its surroundings (its box, 1.4 times), a small square JPEG for face grids. */
  crop: Blob;
}

/** Every face found in one library photo by one model; stored even when there is none, so a resume skips it. */
export interface PhotoFacesRecord {
  modelKey: ModelKey;
  imageId: string;
  datasetId: string;
  faces: LibraryFace[];
  /** Set when the photo could not be read: it has no faces and the reason is kept. */
  error: { code: string; message: string } | null;
}

/** A photo library's grouping and the user's decisions on it; one per library dataset, keyed by its id. */
export interface LibraryRecord {
  id: string;
  /** Decisions, grouping and undo history (core/library/state.ts); read back through its normaliser. */
  state: LibraryState;
  updatedAt: number;
}

export interface LikenessDB extends DBSchema {
  datasets: { key: string; value: DatasetRecord };
  images: {
    key: string;
    value: ImageRecord;
    indexes: { 'by-dataset': string; 'by-identity': [string, string] };
  };
  embeddings: {
    key: [string, string];
    value: EmbeddingRecord;
    indexes: { 'by-model-dataset': [string, string] };
  };
  galleries: { key: string; value: DatabaseRecord; indexes: { 'by-dataset': string } };
  /**
   * Small records by name (the chosen dataset and database, the last results, a job under way). The
   * values are validated where they are read (app/session.ts): storage does not know their shapes.
   */
  session: { key: string; value: unknown };
  photoFaces: {
    key: [string, string];
    value: PhotoFacesRecord;
    indexes: { 'by-model-dataset': [string, string] };
  };
  libraries: { key: string; value: LibraryRecord };
}
