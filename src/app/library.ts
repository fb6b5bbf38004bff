import { LikenessError } from '../core/errors';
import { faceIdOf, notAFace, photoOfFace, type Decisions, type FaceId } from '../core/library/decisions';
import { libraryGrouping, type FaceTable } from '../core/library/grouping';
import { emptyGraph, expandGraph } from '../core/library/knn';
import { faceCropSize, isTrusted, type FaceQuality } from '../core/library/quality';
import { labelledPeople, suggestFaces, type LibraryGrouping, type LibraryView } from '../core/library/view';
import type { ModelKey } from '../core/model-key';
import type { EngineClient, LibraryJobResult } from '../bridge/engine-pool';
import { imageIdOf, listImageIds, listImageSizes, putDataset, putImages } from '../storage/datasets';
import { getPhotoFaces, readPhotoFaces } from '../storage/library';
import type { DatasetRecord, ImageRecord, RelativeBox } from '../storage/schema';
import { photoPath } from './library-photos';

export { getLibraryState, putLibraryState } from '../storage/library';

type JobOptions = {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, failed: number) => void;
};

/** Every photo of a library, in path order. */
export async function libraryPhotoIds(datasetId: string): Promise<string[]> {
  return Object.values(await listImageIds(datasetId)).flat();
}

/** Finds every face in a library's photos not looked at yet (the engine's pool, resumable). */
export async function findLibraryFaces(
  engine: EngineClient,
  datasetId: string,
  options: JobOptions,
): Promise<LibraryJobResult> {
  return engine.findFacesStored({ datasetId, imageIds: await libraryPhotoIds(datasetId) }, options);
}

/** A library's faces as arrays aligned by face. */
export interface LibraryFaces {
  faceIds: FaceId[];
  /** n × dim unit rows, in shared memory where the page is cross-origin isolated (the workers read it in place). */
  vectors: Float32Array;
  dim: number;
  trusted: Uint8Array;
  quality: FaceQuality[];
  boxes: RelativeBox[];
}

export async function loadLibraryFaces(datasetId: string, modelKey: ModelKey): Promise<LibraryFaces> {
  const records = await readPhotoFaces(datasetId, modelKey);
  const faces = records.flatMap((r) => r.faces.map((face, i) => ({ id: faceIdOf(r.imageId, i), face })));
  const dim = faces[0]?.face.embedding.length ?? 0;
  const bytes = faces.length * dim * 4;
  const vectors = new Float32Array(
    globalThis.crossOriginIsolated ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes),
  );
  faces.forEach(({ face }, i) => vectors.set(face.embedding, i * dim));
  return {
    faceIds: faces.map((f) => f.id),
    vectors,
    dim,
    trusted: Uint8Array.from(faces, ({ face }) => (isTrusted(face) ? 1 : 0)),
    quality: faces.map(({ face: { size, score, sharpness } }) => ({ size, score, sharpness })),
    boxes: faces.map(({ face }) => face.box),
  };
}

/**
 * The faces each grouping was made from or last read for, while that grouping lives: naming a group
 * asks for suggestions again, and reading every face back from storage each time takes seconds at
 * 50,000 faces.
 */
const facesOfGrouping = new WeakMap<readonly string[], LibraryFaces>();

/** A grouping's faces: from memory where they are still there, else from storage. */
export async function groupingFaces(
  datasetId: string,
  modelKey: ModelKey,
  grouping: LibraryGrouping,
): Promise<LibraryFaces> {
  const kept = facesOfGrouping.get(grouping.faceIds);
  if (kept) return kept;
  const faces = await loadLibraryFaces(datasetId, modelKey);
  facesOfGrouping.set(grouping.faceIds, faces);
  return faces;
}

/**
 * Groups a library's faces with the user's decisions as constraints: the exact neighbour graph over
 * the engine's workers, grouping in the engine worker, then suggestions for faces left out (within
 * `threshold`, the model's photo-against-average threshold, of a named person).
 */
export async function groupLibrary(
  engine: EngineClient,
  faces: LibraryFaces,
  decisions: Decisions,
  threshold: number,
  options: JobOptions,
): Promise<LibraryGrouping> {
  const { faceIds, vectors, dim } = faces;
  const people = Object.keys(decisions.people);
  const personIndex = new Map(people.map((id, i) => [id, i]));
  const photoIndex = new Map<string, number>();
  const notPerson = new Map<number, number[]>();
  const table: FaceTable = {
    photo: Int32Array.from(faceIds, (f) => {
      const photo = photoOfFace(f);
      if (!photoIndex.has(photo)) photoIndex.set(photo, photoIndex.size);
      return photoIndex.get(photo)!;
    }),
    trusted: Uint8Array.from(faceIds, (f, i) => (decisions.faces[f] === notAFace ? 0 : faces.trusted[i]!)),
    person: Int32Array.from(faceIds, (f) => personIndex.get(decisions.faces[f] ?? '') ?? -1),
    notPerson,
  };
  faceIds.forEach((f, i) => {
    const rejected = (decisions.rejected[f] ?? []).flatMap((p) => personIndex.get(p) ?? []);
    if (rejected.length) notPerson.set(i, rejected);
  });
  const { k, minSimilarity, ...options_ } = libraryGrouping;
  // Only faces that may link need neighbours: the others (unclear, not faces) are left out of the products.
  const usable = faceIds.flatMap((_, i) => (table.trusted[i] || table.person[i]! >= 0 ? [i] : []));
  const subset = new Float32Array(usable.length * dim);
  usable.forEach((i, row) => subset.set(vectors.subarray(i * dim, (i + 1) * dim), row * dim));
  const graph = usable.length
    ? expandGraph(
        await engine.knnGraph(subset, dim, { k, minSimilarity, ...options }),
        usable,
        faceIds.length,
      )
    : emptyGraph(faceIds.length, k);
  if (options.signal?.aborted) throw new LikenessError('aborted', 'Cancelled');
  const grouping = await engine.groupFaces(
    graph,
    table,
    options_,
    options_.method === 'centroid' ? vectors : null,
  );
  facesOfGrouping.set(faceIds, faces);
  return {
    faceIds,
    group: Array.from(grouping.group),
    groupPerson: Array.from(grouping.personOf, (p) => (p >= 0 ? people[p]! : null)),
    suggestions: suggestFaces(faceIds, vectors, grouping.group, decisions, threshold),
  };
}

/**
 * Suggestions again, with the decisions as they are now (after naming), without grouping again:
 * faces in no group within `threshold` of a named person's average face.
 */
export function suggestAgain(
  faces: LibraryFaces,
  grouping: LibraryGrouping,
  decisions: Decisions,
  threshold: number,
): LibraryGrouping {
  const groupOf = new Map(grouping.faceIds.map((f, i) => [f, grouping.group[i]!]));
  const group = Int32Array.from(faces.faceIds, (f) => groupOf.get(f) ?? -1);
  return {
    ...grouping,
    suggestions: suggestFaces(faces.faceIds, faces.vectors, group, decisions, threshold),
  };
}

const faceIndex = (face: FaceId) => Number(face.slice(face.lastIndexOf('#') + 1));

/** The crops of some faces (small JPEGs), read at once; null for a face whose photo's faces are not stored. */
export async function faceCrops(modelKey: ModelKey, faces: readonly FaceId[]): Promise<(Blob | null)[]> {
  const records = await getPhotoFaces(modelKey, faces.map(photoOfFace));
  return faces.map((face, i) => records[i]?.faces[faceIndex(face)]?.crop ?? null);
}

/** One face for `npm run cluster`: its photo's path below the picked folder, its box in photo pixels, its group. */
export interface LibraryFaceReport {
  file: string;
  box: { x: number; y: number; width: number; height: number };
  group: string | null;
}

export async function libraryReport(
  datasetId: string,
  faces: LibraryFaces,
  grouping: LibraryGrouping | null,
): Promise<LibraryFaceReport[]> {
  const sizes = await listImageSizes(datasetId);
  const groupOf = new Map(grouping?.faceIds.map((f, i) => [f, grouping.group[i]!]) ?? []);
  return faces.faceIds.map((face, i) => {
    const photo = photoOfFace(face);
    const { width = 0, height = 0 } = sizes.get(photo) ?? {};
    const b = faces.boxes[i]!;
    const g = groupOf.get(face) ?? -1;
    return {
      file: photoPath(photo),
      box: {
        x: Math.round(b.x * width),
        y: Math.round(b.y * height),
        width: Math.round(b.width * width),
        height: Math.round(b.height * height),
      },
      group: g >= 0 ? `g${g}` : null,
    };
  });
}

/**
 * "Make a face database from the named people": a labelled dataset, one person per name, each face
 * the user put with them as one image (its crop), which the Face databases tab then enrols.
 */
export async function libraryToDataset(
  library: DatasetRecord,
  modelKey: ModelKey,
  view: LibraryView,
): Promise<DatasetRecord> {
  const people = labelledPeople(view);
  if (people.length === 0)
    throw new LikenessError('invalid-argument', 'Name at least one person first: nobody is named yet.');
  const id = crypto.randomUUID();
  const root = `${library.name} people`;
  const records: ImageRecord[] = [];
  const identities = [];
  for (const person of people) {
    const key = `${root}/${person.name}`;
    const crops = await faceCrops(modelKey, person.faces);
    let count = 0;
    for (const [i, face] of person.faces.entries()) {
      const crop = crops[i];
      if (!crop) continue;
      const file = photoOfFace(face)
        .split('/')
        .at(-1)!
        .replace(/\.[^.]*$/, '');
      const path = `${key}/${file}-${faceIndex(face)}.jpg`;
      records.push({
        id: imageIdOf(id, path),
        datasetId: id,
        identityKey: key,
        path,
        blob: crop,
        thumb: crop,
        width: faceCropSize,
        height: faceCropSize,
      });
      count++;
    }
    if (count > 0) identities.push({ key, name: person.name, imageCount: count });
  }
  const dataset: DatasetRecord = {
    id,
    name: root,
    createdAt: Date.now(),
    status: 'ready',
    identities,
    imageCount: records.length,
    skipped: [],
  };
  await putImages(records);
  await putDataset(dataset);
  return dataset;
}
