import { blockPairs, emptyGraph, mergeGraphs, type KnnGraph } from '../core/library/knn';
import type { FaceTable, Grouping, GroupingOptions } from '../core/library/grouping';
import type { LibraryJob, LibraryJobResult } from '../engine/engine-protocol';
import type { JobOptions, Remote } from './engine-pool';

export type { LibraryJob, LibraryJobResult };

/** Rows per block of the neighbour graph's matrix products (measured in docs/library.md). */
const knnBlock = 2048;

/** The engine's calls for photo libraries ("Your photos"). */
export interface LibraryEngine {
  /** Finds, aligns and embeds every face of stored library photos, storing each photo's faces; resumable. */
  findFacesStored(job: LibraryJob, options?: JobOptions): Promise<LibraryJobResult>;
  /**
   * The exact k-nearest-neighbour graph of n unit rows (n × dim), shared out over the workers in
   * blocks of matrix products; pairs under `minSimilarity` are never neighbours. Progress counts blocks.
   */
  knnGraph(
    vectors: Float32Array,
    dim: number,
    options: { k: number; minSimilarity: number; block?: number } & JobOptions,
  ): Promise<KnnGraph>;
  /** Groups faces over their neighbour graph (core/library/grouping.ts), in the engine worker. */
  groupFaces(
    graph: KnnGraph,
    table: FaceTable,
    options: GroupingOptions,
    vectors?: Float32Array | null,
  ): Promise<Grouping>;
}

type InPool = <C, R>(
  chunks: readonly C[],
  total: number,
  call: (lane: Remote, jobId: string, chunk: C, progress: JobOptions['onProgress']) => Promise<R>,
  options: JobOptions,
) => Promise<R[]>;

type ImagesInPool = <R extends { modelKey: string }>(
  ids: string[],
  call: (lane: Remote, jobId: string, imageIds: string[], progress: JobOptions['onProgress']) => Promise<R>,
  options: JobOptions,
) => Promise<{ modelKey: R['modelKey']; sum: (pick: (p: R) => number) => number; seconds: number }>;

/** The library calls on the engine's pool: `primary` is its first worker, `workers()` how many there are. */
export function libraryEngine(
  primary: Remote,
  inPool: InPool,
  imagesInPool: ImagesInPool,
  workers: () => number,
): LibraryEngine {
  return {
    async findFacesStored(job, options = {}) {
      const { modelKey, sum, seconds } = await imagesInPool(
        job.imageIds,
        (lane, jobId, imageIds, progress) => lane.findFacesStored(jobId, { ...job, imageIds }, progress),
        options,
      );
      return {
        modelKey,
        photos: sum((p) => p.photos),
        faces: sum((p) => p.faces),
        failed: sum((p) => p.failed),
        cached: sum((p) => p.cached),
        seconds,
      };
    },
    async knnGraph(vectors, dim, { k, minSimilarity, block = knnBlock, ...options }) {
      const n = vectors.length / dim;
      const deals = blockPairs(n, block, workers()).filter((pairs) => pairs.length > 0);
      const parts = await inPool(
        deals,
        deals.reduce((s, pairs) => s + pairs.length, 0),
        (lane, jobId, pairs, progress) =>
          lane.knnPart(jobId, { vectors, dim, k, minSimilarity, block, pairs }, progress),
        options,
      );
      return parts.length ? mergeGraphs(parts[0]!, ...parts.slice(1)) : emptyGraph(n, k);
    },
    groupFaces: (graph, table, options, vectors) => primary.groupFaces(graph, table, options, vectors),
  };
}
