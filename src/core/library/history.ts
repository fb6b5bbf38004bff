import type { Decisions } from './decisions';

/**
 * Undo and redo for the user's decisions. Each step keeps only what an action changed (the earlier
 * value of each person, face and rejection list it touched), so a library of 50,000 faces keeps a
 * long history in little memory, and the history itself can be stored.
 */
export interface Change {
  people: Record<string, Decisions['people'][string] | null>;
  faces: Record<string, string | null>;
  rejected: Record<string, readonly string[] | null>;
  next: number;
}

export interface History {
  decisions: Decisions;
  undo: Change[];
  redo: Change[];
}

/** Steps kept for undo; older ones are dropped. */
export const historyLength = 200;

type Maps = 'people' | 'faces' | 'rejected';

/** What must be written back onto `after` to get `before`, for each map an action may touch. */
function changeBetween(before: Decisions, after: Decisions): Change {
  const diff = <K extends Maps>(key: K) => {
    const was = before[key] as Record<string, unknown>;
    const now = after[key] as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    if (was === now) return out;
    for (const k of new Set([...Object.keys(was), ...Object.keys(now)]))
      if (was[k] !== now[k]) out[k] = was[k] ?? null;
    return out;
  };
  return {
    people: diff('people') as Change['people'],
    faces: diff('faces') as Change['faces'],
    rejected: diff('rejected') as Change['rejected'],
    next: before.next,
  };
}

/** Applies a change; returns the decisions and the change that reverts it. */
function apply(d: Decisions, change: Change): { decisions: Decisions; inverse: Change } {
  const write = <K extends Maps>(key: K) => {
    const values = change[key] as Record<string, unknown>;
    if (Object.keys(values).length === 0) return d[key];
    const out = { ...(d[key] as Record<string, unknown>) };
    for (const [k, v] of Object.entries(values)) {
      if (v === null) delete out[k];
      else out[k] = v;
    }
    return out as Decisions[K];
  };
  const decisions: Decisions = {
    people: write('people'),
    faces: write('faces'),
    rejected: write('rejected'),
    next: change.next,
  };
  return { decisions, inverse: changeBetween(d, decisions) };
}

export const startHistory = (decisions: Decisions): History => ({ decisions, undo: [], redo: [] });

/** Does an action; a new action clears redo. An action that changes nothing leaves the history as it was. */
export function act(h: History, action: (d: Decisions) => Decisions): History {
  const after = action(h.decisions);
  const change = changeBetween(h.decisions, after);
  const empty =
    !Object.keys(change.people).length &&
    !Object.keys(change.faces).length &&
    !Object.keys(change.rejected).length;
  if (empty && after.next === h.decisions.next) return h;
  return { decisions: after, undo: [...h.undo, change].slice(-historyLength), redo: [] };
}

export function undo(h: History): History {
  const change = h.undo.at(-1);
  if (!change) return h;
  const { decisions, inverse } = apply(h.decisions, change);
  return { decisions, undo: h.undo.slice(0, -1), redo: [...h.redo, inverse] };
}

export function redo(h: History): History {
  const change = h.redo.at(-1);
  if (!change) return h;
  const { decisions, inverse } = apply(h.decisions, change);
  return { decisions, undo: [...h.undo, inverse], redo: h.redo.slice(0, -1) };
}
