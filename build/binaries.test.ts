/**
 * Every binary file in the repository is listed in binaries.sha256 with its sha256, and matches it:
 * a committed binary (the WebP decoder, the icons, the sample) cannot change or appear unnoticed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const listed = new Map(
  readFileSync(join(root, 'binaries.sha256'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [hash, path] = line.split(/\s+\*?/, 2) as [string, string];
      return [path, hash];
    }),
);

const sha256 = (path: string) =>
  createHash('sha256')
    .update(readFileSync(join(root, path)))
    .digest('hex');

/** Git's own test for a binary file: a NUL byte in its first 8,000 bytes. */
const isBinary = (path: string) => readFileSync(join(root, path)).subarray(0, 8000).includes(0);

describe('binaries.sha256', () => {
  it('holds the sha256 of each file it lists', () => {
    expect(listed.size).toBeGreaterThan(0);
    for (const [path, hash] of listed) expect([path, sha256(path)]).toEqual([path, hash]);
  });

  it('lists every binary file git tracks', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    const binaries = tracked.filter(isBinary);
    expect(binaries).toContain('src/codecs/webp-scaled.wasm');
    expect(binaries.filter((path) => !listed.has(path))).toEqual([]);
  });
});
