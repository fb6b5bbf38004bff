import { create } from 'zustand';
import { classifyFile } from '../core/dataset-folders';
import { errorMessage } from '../core/errors';
import {
  ignoreFaces,
  ignorePerson,
  markNotFaces,
  mergeHolders,
  mergePeople,
  moveFaces,
  nameFaces,
  rejectFaces,
  renamePerson,
  takeOut,
  type Decisions,
  type FaceId,
  type Holder,
} from '../core/library/decisions';
import { act, redo, undo, type History } from '../core/library/history';
import type { LibraryState } from '../core/library/state';
import { libraryView, type LibraryView } from '../core/library/view';
import { deleteDataset, listDatasets } from '../app/dataset-door';
import {
  getLibraryState,
  libraryToDataset,
  groupingFaces,
  putLibraryState,
  suggestAgain,
} from '../app/library';
import { estimateStorage } from '../app/storage-quota';
import type { PickedFolder } from '../bridge/importer';
import type { DatasetRecord } from '../storage/schema';
import { useDataset } from './dataset';
import { useEngine } from './engine';
import {
  reportLibraryJob,
  runLibraryJob,
  stopLibraryJob,
  type LibraryJob,
  type LibraryPhase,
} from './library-job';

export type { LibraryJob, LibraryPhase } from './library-job';
export type { FaceId, Holder } from '../core/library/decisions';
export { libraryJobsStarted } from './library-job';
/** For face grids: the stored crops of faces. */
export { faceCrops } from '../app/library';
/** A face's photo with its box, and photos' thumbnails (search by people). */
export { facePhoto } from '../app/library-photos';
export { getThumbs as photoThumbs } from '../app/dataset-door';

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
  /** Merges two of what the user sees (a person or an unnamed group) into one: one undo step. */
  merge(a: Holder, b: Holder): Promise<void>;
  /** Takes faces out of their person or group: remembered as "not this person" (a group becomes an unnamed person). */
  takeOut(faces: readonly FaceId[], from: Holder): Promise<void>;
  /** Moves faces to a person, or out of theirs (null); the person left is remembered as "not this person". */
  moveFaces(faces: readonly FaceId[], to: string | null): Promise<void>;
  markNotFaces(faces: readonly FaceId[]): Promise<void>;
  /** "Ignore this person" for faces nobody was given to: one new unnamed person, ignored (one undo step). */
  ignoreFaces(faces: readonly FaceId[]): Promise<void>;
  /** Suggests, for the people named now, the faces in no group within the recognition threshold. */
  findSuggestions(): Promise<void>;
  ignorePerson(personId: string, ignored: boolean): Promise<void>;
  /** Accepts suggested faces for a person. */
  confirmFaces(faces: readonly FaceId[], personId: string): Promise<void>;
  /** "Not this person": never suggested there again. */
  rejectFaces(faces: readonly FaceId[], personId: string): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
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

    async nameFaces(faces, name) {
      await decide((d) => nameFaces(d, faces, name));
      await get().findSuggestions();
    },
    mergeFaces: (faces) => decide((d) => nameFaces(d, faces, '')),
    merge: (a, b) => decide((d) => mergeHolders(d, a, b)),
    takeOut: (faces, from) => decide((d) => takeOut(d, faces, from)),
    async renamePerson(id, name) {
      await decide((d) => renamePerson(d, id, name));
      await get().findSuggestions();
    },
    mergePeople: (ids) => decide((d) => mergePeople(d, ids)),
    moveFaces: (faces, to) => decide((d) => moveFaces(d, faces, to)),
    markNotFaces: (faces) => decide((d) => markNotFaces(d, faces)),
    ignoreFaces: (faces) => decide((d) => ignoreFaces(d, faces)),

    async findSuggestions() {
      const { currentId, state } = get();
      const engine = useEngine.getState().state;
      if (!currentId || !state?.grouping || !state.modelKey || engine.status !== 'ready') return;
      try {
        const faces = await groupingFaces(currentId, state.modelKey, state.grouping);
        const latest = get().state;
        if (get().currentId !== currentId || !latest?.grouping) return;
        const grouping = suggestAgain(
          faces,
          latest.grouping,
          latest.history.decisions,
          engine.info.model.thresholds.average,
        );
        const next = { ...latest, grouping };
        set({ state: next });
        await putLibraryState(currentId, next);
      } catch (error) {
        set({ error: errorMessage(error) });
      }
    },
    ignorePerson: (id, ignored) => decide((d) => ignorePerson(d, id, ignored)),
    confirmFaces: (faces, id) => decide((d) => moveFaces(d, faces, id)),
    rejectFaces: (faces, id) => decide((d) => rejectFaces(d, faces, id)),
    undo: () => change(undo),
    redo: () => change(redo),

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
