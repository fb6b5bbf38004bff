import { classifyFile, groupByPerson } from '../core/dataset';
import type { PersonRecord, SkippedFile } from '../storage/schema';

/** A file as the importer sees it before reading any bytes. */
export interface FileEntry {
  /** '/'-separated path starting with the picked folder's name: `pins/pins_Amber Heard/1.jpg`. */
  path: string;
  size: number;
  type?: string;
}

export interface PlannedImage {
  path: string;
  personKey: string;
}

export interface ImportPlan {
  /** The picked folder's name. */
  name: string;
  people: PersonRecord[];
  /** In person order, each person's images in natural order. */
  images: PlannedImage[];
  skipped: SkippedFile[];
}

export function rootName(paths: readonly string[]): string {
  const first = paths[0]?.split(/[/\\]+/).find((s) => s !== '');
  return first ?? 'Dataset';
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function sortSkipped(skipped: SkippedFile[]): SkippedFile[] {
  return skipped.sort((a, b) => collator.compare(a.path, b.path) || (a.path < b.path ? -1 : 1));
}

function skippedOf(emptyFolders: readonly string[], unreadable: readonly string[]): SkippedFile[] {
  return [
    ...emptyFolders.map((folder) => ({ path: `${folder.replace(/\/+$/, '')}/`, reason: 'empty-folder' })),
    ...unreadable.map((path) => ({ path, reason: 'unreadable' })),
  ];
}

/**
 * Decides, from names and sizes alone, what a picked folder holds: which files are images of whom
 * and which are skipped (with the reason). Decoding happens later and can add 'undecodable'.
 */
export function planImport(
  files: readonly FileEntry[],
  {
    emptyFolders = [],
    unreadable = [],
  }: { emptyFolders?: readonly string[]; unreadable?: readonly string[] } = {},
): ImportPlan {
  const skipped = skippedOf(emptyFolders, unreadable);
  const imagePaths: string[] = [];
  for (const file of files) {
    const cls = classifyFile(file.path, file.size, file.type);
    if (cls.kind === 'image') imagePaths.push(file.path);
    else skipped.push({ path: file.path, reason: cls.reason });
  }
  const grouped = groupByPerson(imagePaths);
  skipped.push(...grouped.skipped);
  const people = grouped.people.map((i) => ({
    key: i.folder,
    name: i.name,
    imageCount: i.imagePaths.length,
  }));
  const images = grouped.people.flatMap((i) => i.imagePaths.map((path) => ({ path, personKey: i.folder })));
  return {
    name: rootName([...files.map((f) => f.path), ...emptyFolders, ...unreadable]),
    people,
    images,
    skipped: sortSkipped(skipped),
  };
}

/**
 * A photo library: every image anywhere below the picked folder is a photo (date folders, event
 * folders, loose photos alike); folders name nobody, so there are no people and no person key.
 */
export function planLibrary(
  files: readonly FileEntry[],
  {
    emptyFolders = [],
    unreadable = [],
  }: { emptyFolders?: readonly string[]; unreadable?: readonly string[] } = {},
): ImportPlan {
  const skipped = skippedOf(emptyFolders, unreadable);
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const file of files) {
    const cls = classifyFile(file.path, file.size, file.type);
    if (cls.kind !== 'image') skipped.push({ path: file.path, reason: cls.reason });
    else if (seen.has(file.path)) skipped.push({ path: file.path, reason: 'duplicate-path' });
    else {
      seen.add(file.path);
      paths.push(file.path);
    }
  }
  paths.sort((a, b) => collator.compare(a, b) || (a < b ? -1 : 1));
  return {
    name: rootName([...files.map((f) => f.path), ...emptyFolders, ...unreadable]),
    people: [],
    images: paths.map((path) => ({ path, personKey: '' })),
    skipped: sortSkipped(skipped),
  };
}
