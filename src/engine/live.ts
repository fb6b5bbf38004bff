import { errorMessage, LikenessError } from '../core/errors';
import { decodeImage, encodeRgb } from '../codecs/decode';
import { cropFace, embedEveryFace, embedFace } from './pipeline';
import { createFaceLocator } from './detector';
import type {
  AllFacesOutcome,
  EmbedOptions,
  EmbedOutcome,
  EmbedRequest,
  FaceCropOutcome,
  ProgressCallback,
} from './engine-protocol';
import { checkpoint, currentModelKey, readyEmbedder, throwIfCancelled, type EngineSession } from './session';

/** Embeds images handed over by the page (Compare, custom probes), one face each; failures are reported per image. */
export async function embed(
  session: EngineSession,
  jobId: string,
  requests: EmbedRequest[],
  options: EmbedOptions,
  onProgress?: ProgressCallback,
): Promise<EmbedOutcome[]> {
  readyEmbedder(session);
  const outcomes: EmbedOutcome[] = [];
  let failed = 0;
  try {
    // Decode the next image while the current one is embedded.
    const decode = (r: EmbedRequest | undefined) =>
      r
        ? decodeImage(r.blob, r.name ?? r.id).then(
            (pixels) => ({ pixels }),
            (error: unknown) => ({ error }),
          )
        : null;
    let next = decode(requests[0]);
    for (let i = 0; i < requests.length; i++) {
      const current = await checkpoint(session, jobId);
      const request = requests[i]!;
      const t0 = performance.now();
      const decoded = await next;
      const following = requests[i + 1];
      next = decode(following);
      const decodeMs = performance.now() - t0;
      try {
        if (!decoded || 'error' in decoded) throw decoded?.error;
        const face = await embedFace(
          decoded.pixels,
          current,
          session.locator,
          session.cropMode,
          options.withCrops ?? false,
        );
        const size = current.spec.inputSize;
        outcomes.push({
          ok: true,
          id: request.id,
          embedding: face.embedding,
          box: face.box,
          crop: face.crop ? await encodeRgb(face.crop, size, size) : null,
          imageWidth: decoded.pixels.width,
          imageHeight: decoded.pixels.height,
          timings: { decode: decodeMs, ...face.timings },
        });
      } catch (error) {
        failed++;
        const code = error instanceof LikenessError ? error.code : 'embed-failed';
        const message = errorMessage(error);
        outcomes.push({ ok: false, id: request.id, code, message });
      }
      onProgress?.(i + 1, requests.length, failed);
    }
  } finally {
    session.cancelled.delete(jobId);
  }
  return outcomes;
}

/** Finds every face in one photo (a camera snapshot) and embeds each; no face gives an empty list. */
export async function embedAllFaces(
  session: EngineSession,
  jobId: string,
  blob: Blob,
  onProgress?: ProgressCallback,
  name = 'The snapshot',
): Promise<AllFacesOutcome> {
  const model = readyEmbedder(session);
  const modelKey = currentModelKey(session);
  try {
    // A database of whole photos needs no detector for itself, but a snapshot does.
    const locator = (session.locator ??= await createFaceLocator());
    const t0 = performance.now();
    const pixels = await decodeImage(blob, name);
    const decode = performance.now() - t0;
    throwIfCancelled(session, jobId);
    const { faces, timings } = await embedEveryFace(
      pixels,
      model,
      locator,
      session.cropMode,
      true,
      (done, total) => onProgress?.(done, total, 0),
    );
    const size = model.spec.inputSize;
    return {
      faces: await Promise.all(
        faces.map(async (f) => ({
          box: f.box,
          embedding: f.embedding,
          crop: await encodeRgb(f.crop!, size, size),
        })),
      ),
      imageWidth: pixels.width,
      imageHeight: pixels.height,
      modelKey,
      timings: { decode, ...timings },
    };
  } finally {
    session.cancelled.delete(jobId);
  }
}

/** The crop the model would embed for this photo (its plain view), without embedding it. */
export async function faceCrop(
  session: EngineSession,
  jobId: string,
  blob: Blob,
  name = 'The image',
): Promise<FaceCropOutcome> {
  const model = await checkpoint(session, jobId);
  try {
    const pixels = await decodeImage(blob, name);
    throwIfCancelled(session, jobId);
    const found = await cropFace(pixels, model, session.locator, session.cropMode);
    return {
      crop: await encodeRgb(found.crop, found.size, found.size, 0.92),
      size: found.size,
      cropMode: session.cropMode,
      box: found.box,
      faces: found.faces,
      imageWidth: pixels.width,
      imageHeight: pixels.height,
    };
  } finally {
    session.cancelled.delete(jobId);
  }
}
