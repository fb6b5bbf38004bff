import { readImageHeader } from '../codecs/image-header';
import type { LibraryPhotoForExport } from '../core/library-export';
import { photoOfFace, type FaceId } from '../core/library/decisions';
import type { LibraryView } from '../core/library/view';
import type { ModelKey } from '../core/model-key';
import { getImageBlob, listImageSizes } from '../storage/datasets';
import { getPhotoFaces, readPhotoFaces } from '../storage/library';
import type { RelativeBox } from '../storage/schema';

/** A photo's path below the picked folder: its image id less the library id and the folder's own name. */
export const photoPath = (imageId: string): string =>
  imageId.slice(imageId.indexOf(':') + 1).replace(/^[^/]*\//, '');

/** The photo a face is in (the original file) and where the face is, as fractions of the upright photo. */
export async function facePhoto(
  modelKey: ModelKey,
  face: FaceId,
): Promise<{ blob: Blob; box: RelativeBox | null }> {
  const photo = photoOfFace(face);
  const [blob, [record]] = await Promise.all([getImageBlob(photo), getPhotoFaces(modelKey, [photo])]);
  const box = record?.faces[Number(face.slice(face.lastIndexOf('#') + 1))]?.box ?? null;
  return { blob, box };
}

/** The EXIF orientation from the start of the file (1 when none or unreadable). */
async function orientationOf(blob: Blob): Promise<number> {
  let bytes = 65_536;
  for (let tries = 0; tries < 3; tries++) {
    const read = readImageHeader(new Uint8Array(await blob.slice(0, bytes).arrayBuffer()), {
      webpOrientation: blob.size <= 4_000_000,
    });
    if (read.kind === 'header') return read.header.orientation;
    if (read.kind === 'unknown' || read.bytes <= bytes) return 1;
    bytes = read.bytes;
  }
  return 1;
}

/**
 * Every photo of a library with faces, as the export writes it: each face's box in pixels of the
 * upright photo, the name the user gave its person (null for none) and its group.
 */
export async function libraryExportPhotos(
  datasetId: string,
  modelKey: ModelKey,
  view: LibraryView,
  signal?: AbortSignal,
): Promise<LibraryPhotoForExport[]> {
  const who = new Map<FaceId, { name: string | null; group: string }>();
  for (const p of [...view.people, ...view.ignored])
    for (const face of [...p.confirmed, ...p.grouped])
      who.set(face, { name: p.person.name || null, group: p.person.id });
  for (const g of view.groups) for (const face of g.faces) who.set(face, { name: null, group: g.key });
  const [records, sizes] = await Promise.all([
    readPhotoFaces(datasetId, modelKey),
    listImageSizes(datasetId),
  ]);
  const photos: LibraryPhotoForExport[] = [];
  for (const record of records) {
    signal?.throwIfAborted();
    if (record.faces.length === 0) continue;
    const { width = 0, height = 0 } = sizes.get(record.imageId) ?? {};
    const orientation = await orientationOf(await getImageBlob(record.imageId));
    photos.push({
      file: photoPath(record.imageId),
      width,
      height,
      orientation,
      faces: record.faces.map(({ box }, i) => {
        const known = who.get(`${record.imageId}#${i}`);
        return {
          box: { x: box.x * width, y: box.y * height, width: box.width * width, height: box.height * height },
          name: known?.name ?? null,
          group: known?.group ?? null,
        };
      }),
    });
  }
  return photos.sort((a, b) => a.file.localeCompare(b.file));
}
