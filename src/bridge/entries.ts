/**
 * Turning what the user picked or dropped into paths and File handles, on the main thread (the
 * entries API exists only there). No bytes are read here: a File is a handle to the disk.
 */
import type { PickedFolder } from '../importer/import-protocol';

export type { PickedFile, PickedFolder } from '../importer/import-protocol';

/** Root used when several items are dropped at once, so each dropped folder stays one level down. */
export const droppedRoot = 'Dropped items';

/** From `<input type=file webkitdirectory>`: each File carries its path relative to the pick. */
export function folderFromInput(files: ArrayLike<File>): PickedFolder {
  const picked = Array.from(files, (file) => ({ path: file.webkitRelativePath || file.name, file }));
  return { files: picked, emptyFolders: [], unreadable: [] };
}

/** Minimal shapes of the (non-standard but universal) entries API, so tests can fake them. */
export interface EntryLike {
  isFile: boolean;
  isDirectory: boolean;
  name: string;
  fullPath: string;
}
export interface FileEntryLike extends EntryLike {
  file(success: (file: File) => void, failure?: (error: unknown) => void): void;
}
export interface DirectoryEntryLike extends EntryLike {
  createReader(): {
    readEntries(success: (entries: EntryLike[]) => void, failure?: (error: unknown) => void): void;
  };
}

function isDirectory(entry: EntryLike): entry is DirectoryEntryLike {
  return entry.isDirectory;
}

function fileOf(entry: FileEntryLike): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** All children of a directory: readEntries returns them in chunks (100 in Chromium) until empty. */
async function readAll(dir: DirectoryEntryLike): Promise<EntryLike[]> {
  const reader = dir.createReader();
  const all: EntryLike[] = [];
  for (;;) {
    const chunk = await new Promise<EntryLike[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (chunk.length === 0) return all;
    all.push(...chunk);
  }
}

/**
 * Walks dropped entries recursively. Call `entriesOf(dataTransfer)` synchronously inside the drop
 * handler: the browser empties the DataTransfer once the event returns.
 */
export async function folderFromEntries(entries: readonly EntryLike[]): Promise<PickedFolder> {
  const out: PickedFolder = { files: [], emptyFolders: [], unreadable: [] };
  // One dropped folder is the dataset root; several items get a shared synthetic root.
  const prefix = entries.length === 1 && entries[0]!.isDirectory ? '' : `${droppedRoot}/`;
  const pathOf = (entry: EntryLike) => prefix + (entry.fullPath || entry.name).replace(/^\/+/, '');

  async function visit(entry: EntryLike): Promise<void> {
    if (isDirectory(entry)) {
      let children: EntryLike[];
      try {
        children = await readAll(entry);
      } catch {
        out.unreadable.push(`${pathOf(entry)}/`);
        return;
      }
      if (children.length === 0) out.emptyFolders.push(pathOf(entry));
      await Promise.all(children.map(visit));
    } else if (entry.isFile) {
      try {
        out.files.push({ path: pathOf(entry), file: await fileOf(entry as FileEntryLike) });
      } catch {
        out.unreadable.push(pathOf(entry));
      }
    }
  }

  await Promise.all(entries.map(visit));
  return out;
}

/** The entries of a drop, read synchronously (see folderFromEntries). */
export function entriesOf(dataTransfer: DataTransfer): EntryLike[] {
  const entries: EntryLike[] = [];
  for (const item of Array.from(dataTransfer.items)) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    if (entry) entries.push(entry);
  }
  return entries;
}
