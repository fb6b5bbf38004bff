// @ts-check
// `npm run bench`'s helpers: the image subset it times, the page's stored ids and embeddings, and
// the median [min, max] of each figure over the repetitions.
import { cpSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { round } from './harness.mjs';
/** @typedef {import('@playwright/test').Page} Page */

const imageExt = /\.(jpe?g|png|webp|gif|bmp)$/i;

/**
 * The first `count` images in path order, copied (once) into a folder of their own under /tmp.
 * @param {string} source
 * @param {number} count
 */
export function subset(source, count) {
  /** @type {string[]} */
  const files = [];
  /** @param {string} d */
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      if (files.length >= count) return;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (imageExt.test(name)) files.push(path);
    }
  };
  walk(source);
  const target = `/tmp/likeness-bench-${basename(source).replace(/[^\w.-]/g, '_')}-${files.length}`;
  if (!existsSync(join(target, '.complete'))) {
    for (const file of files) {
      const to = join(target, basename(source), file.slice(source.length + 1));
      mkdirSync(resolve(to, '..'), { recursive: true });
      cpSync(file, to);
    }
    writeFileSync(join(target, '.complete'), '');
  }
  return { dir: join(target, basename(source)), count: files.length };
}

/** @param {number[]} values */
const stats = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median: round(median, 2), min: round(sorted[0], 2), max: round(sorted[sorted.length - 1], 2) };
};

/**
 * Median [min, max] of each numeric key over the repetitions.
 * @param {Record<string, any>[]} rows
 * @param {string[]} keys
 */
export const summarise = (rows, keys) =>
  Object.fromEntries(keys.map((k) => [k, stats(rows.map((r) => r[k]))]));

/**
 * The ids of a stored dataset's images, sorted, read from the page's IndexedDB.
 * @param {Page} page
 * @param {string} datasetId
 * @returns {Promise<string[]>}
 */
export const storedImageIds = (page, datasetId) =>
  page.evaluate(
    (datasetId) =>
      new Promise((ok, fail) => {
        const open = indexedDB.open('likeness');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const req = open.result
            .transaction('images')
            .objectStore('images')
            .index('by-dataset')
            .getAllKeys(datasetId);
          req.onsuccess = () => ok(req.result.map(String).sort());
          req.onerror = () => fail(req.error);
        };
      }),
    datasetId,
  );

/**
 * Deletes this model's stored embeddings (every view) of these images, so the next pass embeds them again.
 * @param {Page} page
 * @param {string} modelKey
 * @param {string[]} ids
 */
export const forgetEmbeddings = (page, modelKey, ids) =>
  page.evaluate(
    ({ modelKey, ids }) =>
      /** @type {Promise<void>} */ (
        new Promise((ok, fail) => {
          const open = indexedDB.open('likeness');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('embeddings', 'readwrite');
            for (const key of [modelKey, `${modelKey}#mirror`])
              for (const id of ids) tx.objectStore('embeddings').delete([key, id]);
            tx.oncomplete = () => ok();
            tx.onerror = () => fail(tx.error);
          };
        })
      ),
    { modelKey, ids },
  );
