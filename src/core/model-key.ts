/** How a face is cut out of the photo before it is embedded. */
export type CropMode = 'whole' | 'detect' | 'align';

export const CROP_MODES: readonly CropMode[] = ['whole', 'detect', 'align'];

export function isCropMode(value: unknown): value is CropMode {
  return (CROP_MODES as readonly unknown[]).includes(value);
}

/** Which embedder produced a vector, `${modelId}|${cropMode}`: embeddings from another crop mode are not comparable. */
export type ModelKey = `${string}|${CropMode}`;

/** The store key of one view's records: the model key itself for the plain view. */
export type ViewKey = ModelKey | `${ModelKey}#mirror`;

export function modelKeyOf(modelId: string, cropMode: CropMode): ModelKey {
  return `${modelId}|${cropMode}`;
}

export function viewKeyOf(modelKey: ModelKey, view: 'plain' | 'mirror'): ViewKey {
  return view === 'plain' ? modelKey : `${modelKey}#mirror`;
}
