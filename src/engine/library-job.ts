import { errorMessage, LikenessError } from '../core/errors';
import { faceCropSize as cropSize, sharpness } from '../core/library/quality';
import { writePhotoFaces } from '../storage/library';
import type { LibraryFace, PhotoFacesRecord } from '../storage/schema';
import { encodeRgb, type Pixels } from '../codecs/decode';
import { createFaceLocator } from './detector';
import { embedEveryFace, relativeBox } from './pipeline';
import type { Embedder } from './embedder';
import type { LibraryJob, LibraryJobResult, ProgressCallback } from './engine-protocol';
import { decodeAhead, writeBehind } from './stored';
import { photosWithoutFaces } from '../storage/library';
import { checkpoint, currentModelKey, readyEmbedder, unlessContextLost, type EngineSession } from './session';

/** Every face of one photo, found at every scale (tiles included, as Compare), aligned and embedded. */
async function facesOf(session: EngineSession, pixels: Pixels, model: Embedder): Promise<LibraryFace[]> {
  const locator = (session.locator ??= await createFaceLocator());
  const { faces } = await embedEveryFace(pixels, model, locator, session.cropMode, true, undefined, cropSize);
  const size = model.spec.inputSize;
  return Promise.all(
    faces.map(async (f) => ({
      box: relativeBox(f.box, pixels),
      score: f.box.score,
      size: Math.min(f.box.width, f.box.height),
      sharpness: sharpness(f.crop!, size),
      embedding: f.embedding,
      crop: await encodeRgb(f.boxCrop!, cropSize, cropSize, 0.8),
    })),
  );
}

/**
 * Finds every face in stored library photos and stores them photo by photo (a photo without a face
 * too), skipping photos already looked at, so a reload or crash resumes where it stopped.
 */
export async function findFacesStored(
  session: EngineSession,
  jobId: string,
  job: LibraryJob,
  onProgress?: ProgressCallback,
): Promise<LibraryJobResult> {
  readyEmbedder(session);
  const modelKey = currentModelKey(session);
  const t0 = performance.now();
  const todo = await photosWithoutFaces(modelKey, job.imageIds);
  const cached = job.imageIds.length - todo.length;
  const writer = writeBehind(writePhotoFaces);
  let faces = 0;
  let failed = 0;
  onProgress?.(cached, job.imageIds.length, 0);
  try {
    const nextImage = decodeAhead(todo, (id) => id.slice(job.datasetId.length + 1));
    for (let i = 0; i < todo.length; i++) {
      let model = await checkpoint(session, jobId);
      const decoded = await nextImage();
      const record: PhotoFacesRecord = {
        modelKey,
        imageId: todo[i]!,
        datasetId: job.datasetId,
        faces: [],
        error: null,
      };
      try {
        if ('error' in decoded) throw decoded.error;
        let found = await unlessContextLost(session, facesOf(session, decoded.pixels, model));
        // The GPU went away during this photo: look at it again on WASM rather than store a failure.
        if (!found) {
          model = await checkpoint(session, jobId);
          found = await facesOf(session, decoded.pixels, model);
        }
        record.faces = found;
        faces += found.length;
      } catch (error) {
        if (
          error instanceof LikenessError &&
          ['storage-failed', 'storage-full', 'aborted'].includes(error.code)
        )
          throw error;
        failed++;
        record.error = {
          code: error instanceof LikenessError ? error.code : 'embed-failed',
          message: errorMessage(error),
        };
      }
      await writer.push(record);
      onProgress?.(cached + i + 1, job.imageIds.length, failed);
    }
  } finally {
    await writer.settle();
    session.cancelled.delete(jobId);
  }
  writer.check();
  return {
    modelKey,
    photos: todo.length,
    faces,
    failed,
    cached,
    seconds: (performance.now() - t0) / 1000,
  };
}
