import { normaliseDecisions, noDecisions } from './decisions';
import { startHistory, type Change, type History } from './history';
import type { LibraryGrouping, Suggestion } from './view';
import { CROP_MODES, type ModelKey } from '../model-key';

/** Everything stored about a photo library beside its photos and faces. */
export interface LibraryState {
  /** The model whose faces were found and grouped; null before any. */
  modelKey: ModelKey | null;
  /** 'finding': faces are still being found; 'grouping': found, not grouped since; 'ready'. */
  status: 'finding' | 'grouping' | 'ready';
  history: History;
  grouping: LibraryGrouping | null;
}

export const newLibraryState = (): LibraryState => ({
  modelKey: null,
  status: 'finding',
  history: startHistory(noDecisions),
  grouping: null,
});

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

function normaliseChanges(raw: unknown): Change[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (c): c is Change =>
      isObject(c) &&
      isObject(c.people) &&
      isObject(c.faces) &&
      isObject(c.rejected) &&
      typeof c.next === 'number',
  );
}

function normaliseGrouping(raw: unknown): LibraryGrouping | null {
  if (!isObject(raw) || !Array.isArray(raw.faceIds)) return null;
  const faceIds = raw.faceIds.filter((f): f is string => typeof f === 'string');
  const group = raw.group;
  const length = isObject(group) && 'length' in group ? Number(group.length) : -1;
  if (faceIds.length !== raw.faceIds.length || length !== faceIds.length) return null;
  const groups = Array.from(group as ArrayLike<unknown>, (g) => (Number.isInteger(g) ? Number(g) : -1));
  const groupPerson = Array.isArray(raw.groupPerson)
    ? raw.groupPerson.map((p) => (typeof p === 'string' ? p : null))
    : [];
  const suggestions = Array.isArray(raw.suggestions)
    ? raw.suggestions.filter(
        (s): s is Suggestion =>
          isObject(s) &&
          typeof s.face === 'string' &&
          typeof s.person === 'string' &&
          typeof s.distance === 'number',
      )
    : [];
  return { faceIds, group: groups, groupPerson, suggestions };
}

/** Reads a stored library state from any version, keeping what is well formed. */
export function normaliseLibraryState(raw: unknown): LibraryState {
  if (!isObject(raw)) return newLibraryState();
  const history = isObject(raw.history) ? raw.history : {};
  const status = raw.status === 'ready' || raw.status === 'grouping' ? raw.status : 'finding';
  return {
    modelKey:
      typeof raw.modelKey === 'string' && CROP_MODES.some((m) => (raw.modelKey as string).endsWith(`|${m}`))
        ? (raw.modelKey as ModelKey)
        : null,
    status,
    history: {
      decisions: normaliseDecisions(history.decisions),
      undo: normaliseChanges(history.undo),
      redo: normaliseChanges(history.redo),
    },
    grouping: normaliseGrouping(raw.grouping),
  };
}
