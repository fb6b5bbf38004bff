import { classifyFile, groupByPerson } from '../core/dataset-folders';
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

type PlanOptions = { emptyFolders?: readonly string[]; unreadable?: readonly string[] };

/**
 * The picked folder's name, its image files, and every other file (and every empty or unreadable
 * entry) with the reason it is skipped.
 */
function classifyPicked(files: readonly FileEntry[], { emptyFolders = [], unreadable = [] }: PlanOptions) {
  const skipped: SkippedFile[] = [
    ...emptyFolders.map((folder) => ({ path: `${folder.replace(/\/+$/, '')}/`, reason: 'empty-folder' })),
    ...unreadable.map((path) => ({ path, reason: 'unreadable' })),
  ];
  const images: string[] = [];
  for (const file of files) {
    const cls = classifyFile(file.path, file.size, file.type);
    if (cls.kind === 'image') images.push(file.path);
    else skipped.push({ path: file.path, reason: cls.reason });
  }
  return { name: rootName([...files.map((f) => f.path), ...emptyFolders, ...unreadable]), images, skipped };
}

/**
 * Decides, from names and sizes alone, what a picked folder holds: which files are images of whom
 * and which are skipped (with the reason). Decoding happens later and can add 'undecodable'.
 */
export function planImport(files: readonly FileEntry[], options: PlanOptions = {}): ImportPlan {
  const { name, images: imagePaths, skipped } = classifyPicked(files, options);
  const grouped = groupByPerson(imagePaths);
  skipped.push(...grouped.skipped);
  const people = grouped.people.map((i) => ({
    key: i.folder,
    name: i.name,
    imageCount: i.imagePaths.length,
  }));
  const images = grouped.people.flatMap((i) => i.imagePaths.map((path) => ({ path, personKey: i.folder })));
  return { name, people, images, skipped: sortSkipped(skipped) };
}

/**
 * A photo library: every image anywhere below the picked folder is a photo (date folders, event
 * folders, loose photos alike); folders name nobody, so there are no people and no person key.
 */
export function planLibrary(files: readonly FileEntry[], options: PlanOptions = {}): ImportPlan {
  const { name, images, skipped } = classifyPicked(files, options);
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const path of images) {
    if (seen.has(path)) skipped.push({ path, reason: 'duplicate-path' });
    else {
      seen.add(path);
      paths.push(path);
    }
  }
  paths.sort((a, b) => collator.compare(a, b) || (a < b ? -1 : 1));
  return {
    name,
    people: [],
    images: paths.map((path) => ({ path, personKey: '' })),
    skipped: sortSkipped(skipped),
  };
}
