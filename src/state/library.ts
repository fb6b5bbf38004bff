import { create } from 'zustand';
import { classifyFile } from '../core/dataset-folders';
import { errorMessage } from '../core/errors';
import {
  ignorePerson,
  markNotFaces,
  mergePeople,
  moveFaces,
  nameFaces,
  rejectFaces,
  renamePerson,
  type Decisions,
  type FaceId,
} from '../core/library/decisions';
import { act, redo, undo, type History } from '../core/library/history';
import type { LibraryState } from '../core/library/state';
import { libraryView, photosWithPeople, type LibraryView } from '../core/library/view';
import { deleteDataset, listDatasets } from '../app/dataset-door';
import {
  getLibraryState,
  libraryReport,
  libraryToDataset,
  loadLibraryFaces,
  putLibraryState,
} from '../app/library';
import { estimateStorage } from '../app/storage-quota';
import type { PickedFolder } from '../bridge/importer';
import type { DatasetRecord } from '../storage/schema';
import { useDataset } from './dataset';
import {
  reportLibraryJob,
  runLibraryJob,
  stopLibraryJob,
  type LibraryJob,
  type LibraryPhase,
} from './library-job';

export type { LibraryJob, LibraryPhase } from './library-job';
export { libraryJobsStarted } from './library-job';
/** For face grids: the stored crops of faces. */
export { faceCrops } from '../app/library';

/** A large pick waits for the user, who sees the storage it needs first. */
export interface PendingImport {
  folder: PickedFolder;
  /** Into the current library ('add'), continuing its interrupted import ('resume'), or a new one. */
  into: 'new' | 'add' | 'resume';
  photos: number;
  /** Bytes the photos take, plus about 16 KB for the faces found in each. */
  bytes: number;
  /** Storage left for this site, when the browser says. */
  free: number | null;
}

/** Picks of at least this many photos, or a fifth of the storage left, ask before they start. */
export const askAbovePhotos = 500;

interface LibraryStore {
  libraries: DatasetRecord[];
  loaded: boolean;
  currentId: string | null;
  /** The current library's stored state: the user's decisions with their history, and the grouping. */
  state: LibraryState | null;
  job: LibraryJob;
  pending: PendingImport | null;
  error: string | null;
  refresh(): Promise<void>;
  select(id: string | null): Promise<void>;
  remove(id: string): Promise<void>;
  /**
   * A picked or dropped folder: a new library, more photos for the current one (`add`), or the rest
   * of the current library's interrupted import.
   */
  pick(folder: PickedFolder, add?: boolean): Promise<void>;
  /** Starts the pending import the user saw the storage of. */
  confirmPick(): Promise<void>;
  dismissPick(): void;
  /** Continues an interrupted library: finds the faces left, then groups. */
  resume(): Promise<void>;
  /** Groups again (after decisions): nothing the user named or moved is undone. */
  regroup(): Promise<void>;
  cancel(): void;
  nameFaces(faces: readonly FaceId[], name: string): Promise<void>;
  /** "These are one person": merges groups before they have a name. */
  mergeFaces(faces: readonly FaceId[]): Promise<void>;
  renamePerson(personId: string, name: string): Promise<void>;
  mergePeople(personIds: readonly string[]): Promise<void>;
  /** Moves faces to a person, or out of theirs (null); the person left is remembered as "not this person". */
  moveFaces(faces: readonly FaceId[], to: string | null): Promise<void>;
  markNotFaces(faces: readonly FaceId[]): Promise<void>;
  ignorePerson(personId: string, ignored: boolean): Promise<void>;
  /** Accepts suggested faces for a person. */
  confirmFaces(faces: readonly FaceId[], personId: string): Promise<void>;
  /** "Not this person": never suggested there again. */
  rejectFaces(faces: readonly FaceId[], personId: string): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  /** Photos (image ids) in which every one of these people is. */
  photosWith(personIds: readonly string[]): string[];
  /** Turns the named people into a labelled dataset (for the Face databases tab); returns its id. */
  makeDataset(): Promise<string | null>;
}

const currentKey = 'likeness.library';

export const useLibrary = create<LibraryStore>((set, get) => {
  /** Applies a history step to the current library and stores it. */
  const change = async (step: (h: History) => History) => {
    const { currentId, state } = get();
    if (!currentId || !state) return;
    try {
      const history = step(state.history);
      if (history === state.history) return;
      const next = { ...state, history };
      set({ state: next, error: null });
      await putLibraryState(currentId, next);
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  };
  const decide = (action: (d: Decisions) => Decisions) => change((h) => act(h, action));
  const reload = async (id: string) => {
    const state = await getLibraryState(id);
    if (get().currentId === id) set({ state });
  };
  const start = async (
    libraryId: string,
    from: LibraryPhase,
    folder?: PickedFolder,
    into: PendingImport['into'] = 'new',
  ) => {
    await runLibraryJob({
      libraryId,
      from,
      folder,
      add: into === 'add',
      resume: into === 'resume',
      onStored: () =>
        void get()
          .refresh()
          .then(() => get().select(libraryId)),
      latest: (id) => (get().currentId === id ? get().state : null),
      onState: (id, state) => {
        if (get().currentId === id) set({ state });
      },
    });
    await get().refresh();
    // A new library is shown once it exists, whatever became of its job (a cancelled import resumes).
    if (get().libraries.some((l) => l.id === libraryId)) await get().select(libraryId);
  };

  return {
    libraries: [],
    loaded: false,
    currentId: null,
    state: null,
    job: { status: 'idle' },
    pending: null,
    error: null,

    async refresh() {
      try {
        const libraries = await listDatasets('library');
        set({ libraries, loaded: true });
        const { currentId } = get();
        if (currentId && libraries.some((l) => l.id === currentId)) return reload(currentId);
        const remembered = localStorage.getItem(currentKey);
        await get().select((libraries.find((l) => l.id === remembered) ?? libraries.at(-1))?.id ?? null);
      } catch (error) {
        set({ loaded: true, error: errorMessage(error) });
      }
    },

    async select(id) {
      set({ currentId: id, state: null, error: null });
      if (id) localStorage.setItem(currentKey, id);
      else localStorage.removeItem(currentKey);
      if (!id) return;
      try {
        await reload(id);
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    async remove(id) {
      try {
        if (get().job.status === 'running') await stopLibraryJob();
        await deleteDataset(id);
        if (get().currentId === id) await get().select(null);
        await get().refresh();
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },

    async pick(folder, add = false) {
      if (get().job.status === 'running') return;
      const images = folder.files.filter(
        (f) => classifyFile(f.path, f.file.size, f.file.type).kind === 'image',
      );
      const photos = images.length;
      const bytes = images.reduce((s, f) => s + f.file.size, 0) + photos * 16_384;
      const estimate = await estimateStorage().catch(() => null);
      const free = estimate ? Math.max(0, estimate.quota - estimate.usage) : null;
      const current = get().libraries.find((l) => l.id === get().currentId);
      const into = add && current ? 'add' : current?.status === 'importing' ? 'resume' : 'new';
      const pending: PendingImport = { folder, into, photos, bytes, free };
      if (photos >= askAbovePhotos || (free !== null && bytes > free / 5)) set({ pending });
      else {
        set({ pending });
        await get().confirmPick();
      }
    },

    async confirmPick() {
      const { pending, currentId } = get();
      if (!pending) return;
      set({ pending: null, error: null });
      const id = pending.into !== 'new' && currentId ? currentId : crypto.randomUUID();
      await start(id, 'import', pending.folder, currentId ? pending.into : 'new');
    },

    dismissPick: () => set({ pending: null }),

    async resume() {
      const { currentId, state } = get();
      if (!currentId || get().job.status === 'running') return;
      await start(currentId, state?.status === 'grouping' ? 'group' : 'faces');
    },

    async regroup() {
      const { currentId } = get();
      if (currentId && get().job.status !== 'running') await start(currentId, 'group');
    },

    cancel: () => void stopLibraryJob(),

    nameFaces: (faces, name) => decide((d) => nameFaces(d, faces, name)),
    mergeFaces: (faces) => decide((d) => nameFaces(d, faces, '')),
    renamePerson: (id, name) => decide((d) => renamePerson(d, id, name)),
    mergePeople: (ids) => decide((d) => mergePeople(d, ids)),
    moveFaces: (faces, to) => decide((d) => moveFaces(d, faces, to)),
    markNotFaces: (faces) => decide((d) => markNotFaces(d, faces)),
    ignorePerson: (id, ignored) => decide((d) => ignorePerson(d, id, ignored)),
    confirmFaces: (faces, id) => decide((d) => moveFaces(d, faces, id)),
    rejectFaces: (faces, id) => decide((d) => rejectFaces(d, faces, id)),
    undo: () => change(undo),
    redo: () => change(redo),

    photosWith(personIds) {
      const view = currentView(get().state);
      return view ? photosWithPeople(view, personIds) : [];
    },

    async makeDataset() {
      const { currentId, state, libraries } = get();
      const library = libraries.find((l) => l.id === currentId);
      const view = currentView(state);
      if (!library || !view || !state?.modelKey) return null;
      try {
        const dataset = await libraryToDataset(library, state.modelKey, view);
        await useDataset.getState().refresh();
        await useDataset.getState().select(dataset.id);
        return dataset.id;
      } catch (error) {
        set({ error: errorMessage(error) });
        return null;
      }
    },
  };
});

reportLibraryJob((job) => useLibrary.setState({ job }));

const views = new WeakMap<LibraryState, LibraryView>();

/** The library as the user sees it (the grouping with their decisions laid over it), computed once per state. */
export function currentView(state: LibraryState | null): LibraryView | null {
  if (!state?.grouping) return null;
  let view = views.get(state);
  if (!view) {
    view = libraryView(state.grouping, state.history.decisions);
    views.set(state, view);
  }
  return view;
}

export const useLibraryView = (): LibraryView | null => useLibrary((s) => currentView(s.state));
export const useCurrentLibrary = (): DatasetRecord | null =>
  useLibrary((s) => s.libraries.find((l) => l.id === s.currentId) ?? null);

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
