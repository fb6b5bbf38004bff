import { errorMessage } from '../core/errors';
import type { MatchRule } from '../core/matcher';
import type { EngineClient } from '../bridge/engine-pool';
import { recogniseSnapshot, type SnapshotResult } from './camera';

export interface ComparedPhoto {
  name: string;
  image: Blob;
  /** Every face in the photo, named against the face database when one is chosen. */
  result: SnapshotResult | null;
  error: string | null;
}

/**
 * Finds every face in each photo, one photo after another, and names each against the face
 * database (if any). A photo that fails (undecodable, no face) says why; the others still count.
 */
export async function comparePhotos(
  client: EngineClient,
  photos: readonly { name: string; image: Blob }[],
  databaseId: string | null,
  signal?: AbortSignal,
  rule: MatchRule = 'average',
): Promise<ComparedPhoto[]> {
  const out: ComparedPhoto[] = [];
  for (const { name, image } of photos) {
    try {
      const result = await recogniseSnapshot(client, image, databaseId, rule, signal, name);
      out.push({
        name,
        image,
        result,
        error: result.faces.length ? null : 'No face was found in this image',
      });
    } catch (error) {
      if (signal?.aborted) throw error;
      out.push({ name, image, result: null, error: errorMessage(error) });
    }
  }
  return out;
}
