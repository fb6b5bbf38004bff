// @ts-check
// Truth for `npm run cluster`: which found face is whom, from make-library.mjs's truth file (boxes in
// pixels of the upright photo) or, with --truth-from-folders, from a labelled folder's sub-folders.
import { existsSync, readFileSync } from 'node:fs';

/**
 * @typedef {{ file: string, box: { x: number, y: number, width: number, height: number }, group: string | null }} FoundFace
 * @typedef {{ person: string, kind?: string, x: number, y: number, width: number, height: number }} TruthFace
 * @typedef {{ faces: TruthFace[] }} TruthPhoto
 */

/**
 * The truth file beside a library built by make-library.mjs (`<folder>.truth.json`), or `file`.
 * @param {string} folder
 * @param {string | undefined} file
 * @returns {Record<string, TruthPhoto> | null}
 */
export function readTruthFile(folder, file) {
  const path = file ?? `${folder.replace(/\/+$/, '')}.truth.json`;
  if (!existsSync(path)) {
    if (file) throw new Error(`No truth file at ${file}`);
    return null;
  }
  return JSON.parse(readFileSync(path, 'utf8')).photos;
}

/**
 * Gives each found face its person: the truth face its box's centre lies in (each truth face once),
 * else null (a face the truth does not list). Returns the person per found face and how many truth
 * faces were found.
 * @param {FoundFace[]} found
 * @param {Record<string, TruthPhoto>} truth
 */
export function matchTruth(found, truth) {
  /** @type {(string | null)[]} */
  const person = found.map(() => null);
  /** @type {Map<string, FoundFace[]>} */
  const byFile = new Map();
  found.forEach((f) => byFile.set(f.file, [...(byFile.get(f.file) ?? []), f]));
  const index = new Map(found.map((f, i) => [f, i]));
  let faces = 0;
  let hit = 0;
  for (const [file, photo] of Object.entries(truth)) {
    faces += photo.faces.length;
    const taken = new Set();
    for (const face of byFile.get(file) ?? []) {
      const { x, y, width, height } = face.box;
      const [cx, cy] = [x + width / 2, y + height / 2];
      const k = photo.faces.findIndex(
        (t, j) => !taken.has(j) && cx >= t.x && cx <= t.x + t.width && cy >= t.y && cy <= t.y + t.height,
      );
      const match = photo.faces[k];
      if (!match) continue;
      taken.add(k);
      person[/** @type {number} */ (index.get(face))] = match.person;
      hit++;
    }
  }
  return { person, faces, found: hit };
}

/**
 * A labelled folder's truth: each photo is of the person its sub-folder names, and its largest
 * found face is that person (a tight crop's other faces are people in the background, not counted).
 * @param {FoundFace[]} found
 * @param {string[]} files every photo's path below the folder, `<person>/<file>`
 */
export function truthFromFolders(found, files) {
  /** @type {(string | null)[]} */
  const person = found.map(() => null);
  /** @type {Map<string, number>} */
  const largest = new Map();
  const area = (/** @type {number} */ i) => (found[i]?.box.width ?? 0) * (found[i]?.box.height ?? 0);
  found.forEach((f, i) => {
    const best = largest.get(f.file);
    if (best === undefined || area(i) > area(best)) largest.set(f.file, i);
  });
  for (const [file, i] of largest) person[i] = file.split('/').slice(0, -1).join('/');
  return { person, faces: files.length, found: largest.size };
}
