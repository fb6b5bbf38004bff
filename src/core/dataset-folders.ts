import { personFromFolder } from './names';

export const IMAGE_EXTENSIONS: readonly string[] = ['jpg', 'jpeg', 'png', 'webp', 'bmp', 'gif'];

const IMAGE_MIME_TYPES: ReadonlySet<string> = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/bmp',
  'image/x-ms-bmp',
  'image/gif',
]);

export type FileSkipReason = 'not-an-image' | 'empty-file' | 'hidden-file';
export type FileClass = { kind: 'image' } | { kind: 'skip'; reason: FileSkipReason };

/** Path segments, accepting Windows separators and ignoring empty parts ("a//b/"). */
function segmentsOf(path: string): string[] {
  return path.split(/[/\\]+/).filter((s) => s !== '');
}

function isHiddenFolder(segment: string): boolean {
  // __MACOSX holds the resource forks a Finder-made zip carries along.
  return segment.startsWith('.') || segment === '__MACOSX';
}

/**
 * Whether a loaded file should be decoded as a face image. The extension decides (browsers derive
 * File.type from it anyway); the MIME type only rescues files that have no recognised extension.
 */
export function classifyFile(path: string, size: number, mimeType?: string): FileClass {
  const segments = segmentsOf(path);
  const base = segments.at(-1) ?? '';
  // The first segment is the folder the user picked, which may be named anything.
  const folders = segments.slice(1, -1);
  if (base.startsWith('.') || folders.some(isHiddenFolder)) return { kind: 'skip', reason: 'hidden-file' };

  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
  const isImage =
    IMAGE_EXTENSIONS.includes(ext) ||
    (mimeType !== undefined && IMAGE_MIME_TYPES.has(mimeType.toLowerCase()));
  if (!isImage) return { kind: 'skip', reason: 'not-an-image' };
  if (!(size > 0)) return { kind: 'skip', reason: 'empty-file' };
  return { kind: 'image' };
}

export interface PersonFolder {
  /** The folder's path, '/'-separated; unique, so it is the person's stable key. */
  folder: string;
  /** Display name; unique (case-insensitively) across the dataset. */
  name: string;
  /** The paths as given, in natural order (img2 before img10). */
  imagePaths: string[];
}

/**
 * A person's folder below the picked folder: `pins-dev/group/pins_A` → `group/pins_A`. Person keys
 * start with the picked folder's name (webkitRelativePath and dropped entries' paths do), which the
 * user may rename or copy anywhere; what lies below it is the dataset itself, so this is what the
 * seeded split keys on. Several dropped items share the root 'Dropped items', so dropping the person
 * folders themselves gives what picking their parent gives. A key with no root to drop is kept whole.
 */
export function folderBelowRoot(folder: string): string {
  const segments = segmentsOf(folder);
  return (segments.length > 1 ? segments.slice(1) : segments).join('/');
}

export type PathSkipReason = 'no-identity-folder' | 'duplicate-path';

export interface GroupedDataset {
  people: PersonFolder[];
  skipped: { path: string; reason: PathSkipReason }[];
}

// A fixed locale keeps ordering the same on every machine; numeric gives natural order.
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Shortest trailing part of each parent path that tells same-named folders apart. */
function disambiguate(folders: string[][]): string[] {
  const depth = Math.max(...folders.map((f) => f.length - 1));
  for (let j = 1; j <= depth; j++) {
    const labels = folders.map((f) => f.slice(Math.max(0, f.length - 1 - j), -1).join('/'));
    if (new Set(labels).size === labels.length) return labels;
  }
  // Same parents: the folders differ only in spelling (e.g. "pins_a" vs "PINS_a").
  return folders.map((f) => f.join('/'));
}

/** Sorts paths by their '/'-normalised form, so separators do not affect the order. */
function sortPaths(paths: string[]): string[] {
  return paths
    .map((path) => ({ path, key: segmentsOf(path).join('/') }))
    .sort((a, b) => compareText(a.key, b.key) || compareText(a.path, b.path))
    .map((e) => e.path);
}

/**
 * Groups image paths (already classified as images) by person: an image's immediate parent
 * folder is its person, so `root/pins_A/x.jpg` and `root/group/pins_A/x.jpg` both work. Images
 * directly in the picked folder have no person and are skipped.
 */
export function groupByPerson(paths: readonly string[]): GroupedDataset {
  const skipped: GroupedDataset['skipped'] = [];
  const byFolder = new Map<string, { segments: string[]; imagePaths: string[] }>();
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(path)) {
      skipped.push({ path, reason: 'duplicate-path' });
      continue;
    }
    seen.add(path);
    const segments = segmentsOf(path);
    if (segments.length < 3) {
      skipped.push({ path, reason: 'no-identity-folder' });
      continue;
    }
    const folderSegments = segments.slice(0, -1);
    const folder = folderSegments.join('/');
    const entry = byFolder.get(folder) ?? { segments: folderSegments, imagePaths: [] };
    entry.imagePaths.push(path);
    byFolder.set(folder, entry);
  }

  const folders = [...byFolder.keys()].sort(compareText);
  const baseNames = folders.map((f) => personFromFolder(byFolder.get(f)!.segments.at(-1)!));
  const names = [...baseNames];
  const sameName = new Map<string, number[]>();
  baseNames.forEach((name, i) => {
    const key = name.toLowerCase();
    sameName.set(key, [...(sameName.get(key) ?? []), i]);
  });
  for (const group of sameName.values()) {
    if (group.length < 2) continue;
    const labels = disambiguate(group.map((i) => byFolder.get(folders[i]!)!.segments));
    group.forEach((i, g) => (names[i] = `${baseNames[i]} (${labels[g]})`));
  }
  // A suffixed name can still meet a real one (a folder literally named "A (set2)").
  const taken = new Set<string>();
  names.forEach((name, i) => {
    let unique = name;
    for (let n = 2; taken.has(unique.toLowerCase()); n++) unique = `${name} ${n}`;
    taken.add(unique.toLowerCase());
    names[i] = unique;
  });

  const people = folders.map((folder, i) => ({
    folder,
    name: names[i]!,
    imagePaths: sortPaths(byFolder.get(folder)!.imagePaths),
  }));
  people.sort((a, b) => compareText(a.name, b.name) || compareText(a.folder, b.folder));
  skipped.sort((a, b) => compareText(a.path, b.path));
  return { people, skipped };
}

/**
 * Why a file or folder was left out of a dataset. Stored in DatasetRecord.skipped; the UI turns
 * each into a sentence (see skipReasonText).
 */
export type SkipReason =
  | 'not-an-image'
  | 'empty-file'
  | 'hidden-file'
  | 'undecodable'
  | 'no-identity-folder'
  | 'duplicate-path'
  | 'empty-folder'
  | 'unreadable'
  | 'no-images';

const reasonText: Record<SkipReason, string> = {
  'not-an-image': 'not an image',
  'empty-file': 'empty file (0 bytes)',
  'hidden-file': 'hidden or system file',
  undecodable: 'undecodable (corrupt or unsupported image)',
  'no-identity-folder': 'not inside a person folder',
  'duplicate-path': 'duplicate path',
  'empty-folder': 'empty folder',
  unreadable: 'could not be read (moved or no permission)',
  'no-images': 'folder has no importable images',
};

export function skipReasonText(reason: string): string {
  return reason in reasonText ? reasonText[reason as SkipReason] : reason;
}
