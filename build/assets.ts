/**
 * Model weights and WASM binaries come from npm packages and are served from the app's own origin.
 * This list is the single source of what is served, and of how it ships:
 * - 'precache': what the default pipeline loads; stored for offline use on the first visit;
 * - 'on-demand': the other built-in models, fetched when the user picks one, then cached;
 * - 'bench': `npm run bench`'s face-api reference nets, only in the bench build (vite --mode bench).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { convertOnnxFile } from './onnx-to-tfjs.ts';
import { facepluginPackage, humanModelsPackage, packedFiles, type PackedPackage } from './npm-pack.ts';

export type Shipping = 'precache' | 'on-demand' | 'bench';

export interface Asset {
  /** A package fetched with `npm pack` (build/npm-pack.ts); null for an installed one under node_modules. */
  pkg: PackedPackage | null;
  /** The file inside the package (or node_modules/ when pkg is null). */
  path: string;
  /** Where the app serves it, below its base URL. */
  to: string;
  ship: Shipping;
}

const root = resolve(import.meta.dirname, '..');

const human = (name: string, ship: Shipping): Asset[] =>
  ['json', 'bin'].map((ext) => ({
    pkg: humanModelsPackage,
    path: `models/${name}.${ext}`,
    to: `models/human/${name}.${ext}`,
    ship,
  }));
const faceApi = (name: string, ship: Shipping): Asset[] =>
  [`${name}-weights_manifest.json`, `${name}.bin`].map((file) => ({
    pkg: null,
    path: `@vladmandic/face-api/model/${file}`,
    to: `models/face-api/${file}`,
    ship,
  }));
const wasm = (file: string): Asset => ({
  pkg: null,
  path: `@tensorflow/tfjs-backend-wasm/dist/${file}`,
  to: `wasm/${file}`,
  ship: 'precache',
});

export const assets: Asset[] = [
  ...human('facemesh-detection-short', 'precache'),
  ...human('facemesh-detection-full', 'precache'),
  ...faceApi('face_landmark_68_model', 'precache'),
  ...['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm'].map(
    wasm,
  ),
  ...human('faceres', 'on-demand'),
  ...human('mobileface', 'on-demand'),
  ...faceApi('face_recognition_model', 'bench'),
  ...faceApi('ssd_mobilenetv1_model', 'bench'),
];

/** ONNX models converted at build time into the conv-graph format (src/engine/conv-graph.ts). */
export const converted: (Asset & { sha256: string })[] = [
  {
    pkg: facepluginPackage,
    path: 'model/fr_feature.onnx',
    to: 'models/faceplugin/fr_feature',
    ship: 'precache',
    sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
  },
];

/** The files each converted model is served as. */
const servedFiles = (c: { to: string }) => [`${c.to}.json`, `${c.to}.bin`];

/** Every file the app serves that ships as `ship`. */
export function served(ship: Shipping): string[] {
  return [
    ...assets.filter((a) => a.ship === ship).map((a) => a.to),
    ...converted.filter((c) => c.ship === ship).flatMap(servedFiles),
  ];
}

/** Where each asset's file is on this machine, fetching packed packages once (build/npm-pack.ts). */
export function sourcesOf(list: readonly Asset[]): string[] {
  const byPackage = new Map<PackedPackage, string[]>();
  for (const a of list) if (a.pkg) byPackage.set(a.pkg, [...(byPackage.get(a.pkg) ?? []), a.path]);
  const dirs = new Map([...byPackage].map(([pkg, paths]) => [pkg, packedFiles(pkg, paths)]));
  return list.map((a) => {
    const from = a.pkg ? join(dirs.get(a.pkg)!, a.path) : join(root, 'node_modules', a.path);
    if (!existsSync(from)) throw new Error(`Missing model asset ${from}: run npm ci`);
    return from;
  });
}

/** Deletes files under `dir` that `keep` (paths relative to publicDir) does not list. */
function prune(publicDir: string, dir: string, keep: Set<string>): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !keep.has(relative(publicDir, path).split('\\').join('/'))) rmSync(path);
  }
}

/**
 * Copies every asset the app serves (precached and on-demand) into `publicDir` unless an
 * identical-size copy is there already, converts the ONNX models, and removes files left there by
 * older builds (a bench build's reference nets, a model since dropped), so that they are not served.
 * Returns the size in bytes of each served file, by its path below the base URL.
 */
export function copyAssets(publicDir: string): Record<string, number> {
  const app = assets.filter((a) => a.ship !== 'bench');
  const sources = sourcesOf([...app, ...converted]);
  app.forEach(({ to }, i) => {
    const from = sources[i]!;
    const target = join(publicDir, to);
    if (existsSync(target) && statSync(target).size === statSync(from).size) return;
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(from, target);
  });
  converted.forEach((c, i) => {
    convertOnnxFile(
      sources[app.length + i]!,
      join(publicDir, c.to),
      `${c.pkg?.name}@${c.pkg?.version} ${c.path}`,
      c.sha256,
    );
  });
  const files = [...app.map((a) => a.to), ...converted.flatMap(servedFiles)];
  const keep = new Set(files);
  prune(publicDir, join(publicDir, 'models'), keep);
  prune(publicDir, join(publicDir, 'wasm'), keep);
  return Object.fromEntries(files.map((f) => [f, statSync(join(publicDir, f)).size]));
}
