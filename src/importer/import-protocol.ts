import type { DatasetRecord, SkippedFile } from '../storage/schema';

/** A file the user picked, as a path and a handle (no bytes read yet). */
export interface PickedFile {
  /** '/'-separated, starting with the picked folder's name. */
  path: string;
  file: File;
}

export interface PickedFolder {
  files: PickedFile[];
  /** Folders with nothing in them at all (only drag-and-drop can see these). */
  emptyFolders: string[];
  /** Entries the browser listed but could not open. */
  unreadable: string[];
}

export interface ImportRequest extends PickedFolder {
  datasetId: string;
  /** Continue an interrupted import: images already stored are not read again. */
  resume: boolean;
  /** 'library': every image is a photo to find faces in, whatever folder it is in (planLibrary). */
  kind?: 'library';
  /** Add the picked folder's photos to the existing library `datasetId` (whatever its folder's name). */
  add?: boolean;
}

export interface ImportProgress {
  datasetId: string;
  /** Images stored or found undecodable so far, including those stored by an earlier run. */
  done: number;
  total: number;
  undecodable: number;
}

export type ImportResult =
  | { kind: 'imported'; dataset: DatasetRecord; imported: number; alreadyStored: number; seconds: number }
  /** No dataset was created: the pick held no decodable image. */
  | { kind: 'nothing'; name: string; skipped: SkippedFile[] };
