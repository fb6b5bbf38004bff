import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { wholePixelBox, type LibraryPhotoForExport } from '../core/library-export';
import { exportToFolder, exportZip, type ExportFolder } from './library-export';

/** The File System Access calls the export makes, on a real folder of this machine. */
function diskFolder(dir: string): ExportFolder {
  return {
    async getDirectoryHandle(name, options) {
      if (options?.create) await mkdir(join(dir, name), { recursive: true });
      return diskFolder(join(dir, name));
    },
    async getFileHandle(name, options) {
      const path = join(dir, name);
      if (!options?.create && !existsSync(path)) throw new DOMException(`${name} not found`, 'NotFoundError');
      return {
        async createWritable() {
          let text = '';
          return {
            write: async (data: string) => void (text += data),
            close: () => writeFile(path, text),
          };
        },
      };
    },
  };
}

const face = (
  x: number,
  y: number,
  width: number,
  height: number,
  name: string | null,
  group: string | null = null,
) => ({
  box: { x, y, width, height },
  name,
  group,
});

/** Awkward names, nested folders, the orientations a phone writes, and photos that get no sidecar. */
const photos: LibraryPhotoForExport[] = [
  {
    file: '2019/03/IMG_1234.jpg',
    width: 4032,
    height: 3024,
    orientation: 1,
    faces: [
      face(100.4, 200.6, 300, 320, 'Zoë "Z" O’Brien, Jr. & <Co>', 'g1'),
      face(3900, 2900, 300, 300, '王小明', 'g2'),
    ],
  },
  {
    file: '2019/03/IMG_1235.jpg',
    width: 3024,
    height: 4032,
    orientation: 6,
    faces: [
      face(500, 800, 400, 450, 'محمد'),
      face(1500, 1800, 380, 400, null, 'g7'),
      face(2000, 3000, 200, 220, 'Ann 👩‍👧 𝒜'),
    ],
  },
  {
    file: 'phone/IMG_9.JPG',
    width: 3000,
    height: 4000,
    orientation: 8,
    faces: [face(10, 3700, 250, 280, 'line\nbreak')],
  },
  {
    file: 'phone/IMG_9.png',
    width: 640,
    height: 480,
    orientation: 3,
    faces: [face(320, 0, 64, 80, 'AC|DC | Ann')],
  },
  { file: 'scans/no face.jpg', width: 800, height: 600, orientation: 1, faces: [] },
  {
    file: 'scans/stranger.jpg',
    width: 800,
    height: 600,
    orientation: 1,
    faces: [face(1, 2, 30, 40, null, 'g9')],
  },
];

/** Stored-image MWG areas turned upright as Immich reads them (metadata.service.ts, orientRegionInfo). */
function upright(area: { X: number; Y: number; W: number; H: number }, orientation: number) {
  const { X, Y, W, H } = area;
  const sideways = orientation >= 5;
  const [x, y] = {
    1: [X, Y],
    2: [1 - X, Y],
    3: [1 - X, 1 - Y],
    4: [X, 1 - Y],
    5: [Y, X],
    6: [1 - Y, X],
    7: [1 - Y, 1 - X],
    8: [Y, 1 - X],
  }[orientation]!;
  return { x: x!, y: y!, w: sideways ? H : W, h: sideways ? W : H };
}

interface ExiftoolRecord {
  SourceFile: string;
  PersonInImage: string[];
  Subject: string[];
  HierarchicalSubject: string[];
  Orientation?: number;
  RegionInfo: {
    AppliedToDimensions: { W: number; H: number; Unit: string };
    RegionList: {
      Area: { X: number; Y: number; W: number; H: number; Unit: string };
      Name: string;
      Type: string;
    }[];
  };
}

/** exiftool's reading of files, as JSON; a clear failure, not a skip, where it is not installed. */
function exiftool(...args: string[]): unknown {
  let out: string;
  try {
    out = execFileSync('exiftool', ['-j', ...args], { encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    throw new Error(
      `exiftool reads the sidecars back and could not be run (${String(e)}): install it (apt-get install libimage-exiftool-perl)`,
    );
  }
  return JSON.parse(out);
}

let dir: string;
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'likeness-export-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('exportToFolder', () => {
  it('takes the folder handle the browser’s picker gives (checked by the typecheck)', () => {
    expectTypeOf<FileSystemDirectoryHandle>().toExtend<ExportFolder>();
  });

  it('writes sidecars that exiftool reads back, every name and region exactly', async () => {
    const progress: number[] = [];
    const result = await exportToFolder(photos, diskFolder(dir), {
      naming: 'drop-extension',
      onProgress: (done, total) => progress.push(done / total),
    });
    expect(result).toEqual({ written: 5, kept: [] });
    expect(progress.at(-1)).toBe(1);

    const read = exiftool('-struct', '-n', '-XMP:all', '-r', '-ext', 'xmp', dir) as ExiftoolRecord[];
    const bySidecar = new Map(read.map((r) => [r.SourceFile.slice(dir.length + 1), r]));
    // IMG_9.JPG and IMG_9.png would share IMG_9.xmp, so they keep their extensions.
    expect([...bySidecar.keys()].sort()).toEqual([
      '2019/03/IMG_1234.xmp',
      '2019/03/IMG_1235.xmp',
      'phone/IMG_9.JPG.xmp',
      'phone/IMG_9.png.xmp',
    ]);
    const sidecarOf: Record<string, string> = {
      '2019/03/IMG_1234.jpg': '2019/03/IMG_1234.xmp',
      '2019/03/IMG_1235.jpg': '2019/03/IMG_1235.xmp',
      'phone/IMG_9.JPG': 'phone/IMG_9.JPG.xmp',
      'phone/IMG_9.png': 'phone/IMG_9.png.xmp',
    };
    for (const photo of photos) {
      const named = photo.faces.filter((f) => f.name);
      expect(named.length > 0, photo.file).toBe(photo.file in sidecarOf);
      if (named.length === 0) continue;
      const record = bySidecar.get(sidecarOf[photo.file]!)!;
      const people = [...new Set(named.map((f) => f.name!))];
      expect(record.PersonInImage).toEqual(people);
      expect(record.Subject).toEqual(people);
      expect(record.HierarchicalSubject).toEqual(people.map((p) => `People|${p.replace(/\|/g, '¦')}`));
      expect(record.Orientation ?? 1).toBe(photo.orientation);
      const sideways = photo.orientation >= 5;
      const dims = record.RegionInfo.AppliedToDimensions;
      expect(dims).toEqual({
        W: sideways ? photo.height : photo.width,
        H: sideways ? photo.width : photo.height,
        Unit: 'pixel',
      });
      expect(record.RegionInfo.RegionList.map((r) => [r.Name, r.Type, r.Area.Unit])).toEqual(
        named.map((f) => [f.name, 'Face', 'normalized']),
      );
      named.forEach((f, i) => {
        const a = upright(record.RegionInfo.RegionList[i]!.Area, photo.orientation);
        const expected = wholePixelBox(f.box, photo.width, photo.height);
        const pixels = (v: number) => Math.round(v) + 0; // + 0 turns -0 into 0
        const back = {
          x: pixels((a.x - a.w / 2) * photo.width),
          y: pixels((a.y - a.h / 2) * photo.height),
          width: pixels(a.w * photo.width),
          height: pixels(a.h * photo.height),
        };
        expect(back, `${photo.file}: ${f.name}`).toEqual(expected);
      });
    }

    const rows = parse(await readFile(join(dir, 'faces.csv'), 'utf8'), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((r) => [r.file, r.name, r.group])).toEqual(
      photos.flatMap((p) => p.faces.map((f) => [p.file, f.name ?? '', f.group ?? ''])),
    );
  });

  it('keeps files that are already there, unless told to replace them', async () => {
    const mine = join(dir, '2019/03/IMG_1234.xmp');
    await writeFile(mine, 'another program’s metadata');
    const again = await exportToFolder(photos, diskFolder(dir), { naming: 'drop-extension' });
    expect(again.written).toBe(0);
    expect(again.kept).toContain('2019/03/IMG_1234.xmp');
    expect(await readFile(mine, 'utf8')).toBe('another program’s metadata');
    const replaced = await exportToFolder(photos, diskFolder(dir), {
      naming: 'drop-extension',
      replace: true,
    });
    expect(replaced).toEqual({ written: 5, kept: [] });
    expect(await readFile(mine, 'utf8')).toContain('<mwg-rs:Name>王小明</mwg-rs:Name>');
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      exportToFolder(photos, diskFolder(join(dir, 'cancelled')), {
        naming: 'keep-extension',
        signal: abort.signal,
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(join(dir, 'cancelled'))).toBe(false);
  });
});

describe('exportZip', () => {
  it('holds the same files as the folder export, each at its path', async () => {
    const folder = join(dir, 'keep');
    await mkdir(folder);
    await exportToFolder(photos, diskFolder(folder), { naming: 'keep-extension' });
    const progress: [number, number][] = [];
    const zip = new Uint8Array(
      await new Response(
        exportZip(photos, {
          naming: 'keep-extension',
          onProgress: (done, total) => progress.push([done, total]),
        }),
      ).arrayBuffer(),
    );
    const entries = unzipSync(zip);
    const paths = [
      'faces.csv',
      '2019/03/IMG_1234.jpg.xmp',
      '2019/03/IMG_1235.jpg.xmp',
      'phone/IMG_9.JPG.xmp',
      'phone/IMG_9.png.xmp',
    ];
    expect(Object.keys(entries)).toEqual(paths);
    for (const path of paths) {
      expect(new TextDecoder().decode(entries[path]), path).toBe(await readFile(join(folder, path), 'utf8'));
    }
    expect(progress.at(-1)).toEqual([5, 5]);
  });

  it('stops when cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      new Response(exportZip(photos, { naming: 'keep-extension', signal: abort.signal })).arrayBuffer(),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});
