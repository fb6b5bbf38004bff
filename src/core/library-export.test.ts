import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import {
  exportFiles,
  facesCsv,
  sidecarPaths,
  storedArea,
  wholePixelBox,
  xmpSidecar,
  type LibraryPhotoForExport,
} from './library-export';

const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
const photo = (file: string, names: (string | null)[]): LibraryPhotoForExport => ({
  file,
  width: 400,
  height: 300,
  orientation: 1,
  faces: names.map((name, i) => ({ box: box(10 + 100 * i, 20, 50, 60), name, group: `g${i}` })),
});

it('gives a box in whole pixels, cut to the photo', () => {
  expect(wholePixelBox(box(10.4, 19.6, 30.2, 40.5), 400, 300)).toEqual(box(10, 20, 31, 40));
  expect(wholePixelBox(box(-12, 280, 50, 40), 400, 300)).toEqual(box(0, 280, 38, 20));
});

describe('storedArea', () => {
  // Draws a white rectangle on the stored pixels, tags the JPEG with each EXIF orientation, lets
  // libvips (sharp's rotate()) turn it upright, finds the rectangle there, and turns that box back.
  const stored = { width: 64, height: 48, rect: box(8, 16, 24, 16) };
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'turns an upright box back onto the stored image, orientation %i',
    async (orientation) => {
      const pixels = Buffer.alloc(stored.width * stored.height);
      const { x, y, width, height } = stored.rect;
      for (let r = y; r < y + height; r++)
        pixels.fill(255, r * stored.width + x, r * stored.width + x + width);
      const jpeg = await sharp(pixels, { raw: { width: stored.width, height: stored.height, channels: 1 } })
        .jpeg({ quality: 100 })
        .withMetadata({ orientation })
        .toBuffer();
      const { data, info } = await sharp(jpeg)
        .rotate()
        .greyscale()
        .raw()
        .toBuffer({ resolveWithObject: true });
      let [x0, y0, x1, y1] = [Infinity, Infinity, -1, -1];
      for (let i = 0; i < data.length; i++) {
        if (data[i]! < 128) continue;
        const [px, py] = [i % info.width, Math.floor(i / info.width)];
        [x0, y0, x1, y1] = [Math.min(x0, px), Math.min(y0, py), Math.max(x1, px), Math.max(y1, py)];
      }
      const upright = box(x0, y0, x1 + 1 - x0, y1 + 1 - y0);
      expect(upright.width * upright.height).toBe(width * height);
      expect(storedArea(upright, info.width, info.height, orientation)).toEqual({
        x: (x + width / 2) / stored.width,
        y: (y + height / 2) / stored.height,
        w: width / stored.width,
        h: height / stored.height,
      });
    },
  );
});

describe('sidecarPaths', () => {
  const photos = [
    photo('2019/03/IMG_1.jpg', ['Ann']),
    photo('2019/03/img_1.PNG', ['Bob']),
    photo('2019/03/IMG_2.jpeg', ['Ann', null]),
    photo('2019/03/IMG_3.jpg', [null, '  ']),
    photo('noext', ['Cy']),
    photo('x/a.jpg', ['Di']),
    photo('x/a.jpg.png', ['Ed']),
  ];
  it('keeps the extension', () => {
    expect([...sidecarPaths(photos, 'keep-extension').values()]).toEqual([
      '2019/03/IMG_1.jpg.xmp',
      '2019/03/img_1.PNG.xmp',
      '2019/03/IMG_2.jpeg.xmp',
      'noext.xmp',
      'x/a.jpg.xmp',
      'x/a.jpg.png.xmp',
    ]);
  });
  it('drops it, except where two photos would share one sidecar', () => {
    expect([...sidecarPaths(photos, 'drop-extension').values()]).toEqual([
      '2019/03/IMG_1.jpg.xmp',
      '2019/03/img_1.PNG.xmp',
      '2019/03/IMG_2.xmp',
      'noext.xmp',
      'x/a.xmp',
      // Its short name would be a.jpg.xmp, the other way of naming a.jpg's sidecar.
      'x/a.jpg.png.xmp',
    ]);
  });
  it('refuses a path that leaves the picked folder', () => {
    expect(() => sidecarPaths([photo('a/../../etc/x.jpg', ['Ann'])], 'keep-extension')).toThrow(
      '“a/../../etc/x.jpg” is not a path below the picked folder',
    );
  });
});

it('writes every face to the CSV, which an RFC 4180 reader reads back', () => {
  const names = ['Zoë "Z" O’Brien, Jr.', 'line\nbreak', '王小明', 'محمد', '=1+2', null];
  const photos = [
    { ...photo('a, "b"/IMG 1.jpg', names.slice(0, 3)), width: 130 },
    {
      ...photo('c/IMG_2.jpg', names.slice(3)),
      faces: [...photo('', names.slice(3)).faces, { box: box(0, 0, 9, 9), name: 'x', group: null }],
    },
  ];
  const rows = parse(facesCsv(photos), { columns: true }) as Record<string, string>[];
  expect(rows).toEqual([
    { file: 'a, "b"/IMG 1.jpg', x: '10', y: '20', width: '50', height: '60', name: names[0], group: 'g0' },
    { file: 'a, "b"/IMG 1.jpg', x: '110', y: '20', width: '20', height: '60', name: names[1], group: 'g1' },
    { file: 'a, "b"/IMG 1.jpg', x: '130', y: '20', width: '0', height: '60', name: names[2], group: 'g2' },
    { file: 'c/IMG_2.jpg', x: '10', y: '20', width: '50', height: '60', name: names[3], group: 'g0' },
    // A cell a spreadsheet would run as a formula keeps a leading apostrophe (core/csv.ts).
    { file: 'c/IMG_2.jpg', x: '110', y: '20', width: '50', height: '60', name: "'=1+2", group: 'g1' },
    { file: 'c/IMG_2.jpg', x: '210', y: '20', width: '50', height: '60', name: '', group: 'g2' },
    { file: 'c/IMG_2.jpg', x: '0', y: '0', width: '9', height: '9', name: 'x', group: '' },
  ]);
});

describe('xmpSidecar', () => {
  it('is null without a named face', () => {
    expect(xmpSidecar(photo('a.jpg', [null, ' ']))).toBeNull();
  });
  it('escapes markup and drops what XML cannot carry', () => {
    const xmp = xmpSidecar(photo('a.jpg', ['<b>&amp;</b>\u0007 \ud800x']))!;
    expect(xmp).toContain('<mwg-rs:Name>&lt;b&gt;&amp;amp;&lt;/b&gt; x</mwg-rs:Name>');
  });
});

it('lists the CSV and one sidecar per photo with a named face, made as they are read', () => {
  const { count, files } = exportFiles([photo('a.jpg', ['Ann']), photo('b.jpg', [null])], 'drop-extension');
  const list = [...files];
  expect(count).toBe(2);
  expect(list.map((f) => f.path)).toEqual(['faces.csv', 'a.xmp']);
  expect(list[1]!.text).toBe(xmpSidecar(photo('a.jpg', ['Ann'])));
  expect([...files].map((f) => f.path)).toEqual(['faces.csv', 'a.xmp']);
});
