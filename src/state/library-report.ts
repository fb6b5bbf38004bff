import { libraryReport, loadLibraryFaces } from '../app/library';
import { useLibrary } from './library';

/** For `npm run cluster` (window.likeness.libraryReport): every face of the current library and its group. */
export async function currentLibraryReport() {
  const { currentId, state, libraries } = useLibrary.getState();
  const library = libraries.find((l) => l.id === currentId);
  if (!library || !state?.modelKey) return null;
  const faces = await loadLibraryFaces(library.id, state.modelKey);
  return {
    photos: library.imageCount,
    groups: state.grouping?.groupPerson.length ?? 0,
    faces: await libraryReport(library.id, faces, state.grouping),
  };
}

/** For tuning the grouping offline (`npm run cluster -- --dump`): the current library's vectors and face quality. */
export async function currentLibraryFaces() {
  const { currentId, state } = useLibrary.getState();
  if (!currentId || !state?.modelKey) return null;
  const { faceIds, vectors, dim, quality } = await loadLibraryFaces(currentId, state.modelKey);
  return { faceIds, dim, quality, vectors: Array.from(vectors, (x) => Math.round(x * 1e5) / 1e5) };
}
