import type { Gallery } from './gallery';
import { scanNearest, topK } from './match';
import type { EmbeddingGallery } from './matching-rules';

/** One person of a face database, placed by a matching rule. */
export interface RankedPerson {
  /** Index into the identities of the gallery that was ranked. */
  index: number;
  /** What the rule measures: the distance to the person's average, or to their nearest enrolled image. */
  distance: number;
  /** Votes among the k nearest enrolled images (k-nearest-image rules only). */
  votes?: number;
}

/** Every person by distance to their average, nearest first: the "average" rule's whole ranking. */
export function rankByAverage(gallery: Gallery, probe: Float32Array): RankedPerson[] {
  return topK(gallery, probe, gallery.identities.length).map((n) => ({
    index: n.index,
    distance: n.distance,
  }));
}

/**
 * Every person as k-nearest-image voting (core/match.ts knnMatch) places them: most votes among the k
 * nearest images first, then the smaller summed distance of those votes, then the nearer image. The
 * first is knnMatch's voted label; people without a vote follow by their nearest image.
 */
export function rankByImages(gallery: EmbeddingGallery, probe: Float32Array, k: number): RankedPerson[] {
  const all = scanNearest(gallery.rows, gallery.dim, probe, gallery.labels.length);
  const people = new Map<number, { distance: number; votes: number; sum: number }>();
  all.forEach((n, i) => {
    const label = gallery.labels[n.index]!;
    let person = people.get(label);
    if (!person) {
      // Rows come nearest first, so the first row of a label is its nearest image.
      person = { distance: n.distance, votes: 0, sum: 0 };
      people.set(label, person);
    }
    if (i < k) {
      person.votes++;
      person.sum += n.distance;
    }
  });
  return [...people]
    .sort(([, a], [, b]) => b.votes - a.votes || a.sum - b.sum || a.distance - b.distance)
    .map(([index, p]) => ({ index, distance: p.distance, votes: p.votes }));
}
