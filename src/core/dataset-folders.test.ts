import { describe, expect, it } from 'vitest';
import { classifyFile, folderBelowRoot, groupByPerson, IMAGE_EXTENSIONS } from './dataset-folders';

describe('classifyFile', () => {
  it.each(['a.jpg', 'a.JPG', 'a.jpeg', 'a.Jpeg', 'a.png', 'a.webp', 'a.bmp', 'a.gif', 'x.y.PNG'])(
    '%s is an image',
    (name) => {
      expect(classifyFile(`root/pins_A/${name}`, 1234)).toEqual({ kind: 'image' });
    },
  );

  it('lists the supported extensions', () => {
    expect([...IMAGE_EXTENSIONS].sort()).toEqual(['bmp', 'gif', 'jpeg', 'jpg', 'png', 'webp']);
  });

  it.each(['notes.txt', 'photo.heic', 'archive.zip', 'jpg', 'README', 'a.jpg.txt'])(
    '%s is not an image',
    (name) => {
      expect(classifyFile(`root/pins_A/${name}`, 10)).toEqual({ kind: 'skip', reason: 'not-an-image' });
    },
  );

  it('skips empty images', () => {
    expect(classifyFile('root/pins_A/a.jpg', 0)).toEqual({ kind: 'skip', reason: 'empty-file' });
    expect(classifyFile('root/pins_A/a.jpg', NaN)).toEqual({ kind: 'skip', reason: 'empty-file' });
  });

  it('skips hidden files and files in hidden or __MACOSX folders', () => {
    const hidden = { kind: 'skip', reason: 'hidden-file' };
    expect(classifyFile('root/pins_A/.DS_Store', 6148)).toEqual(hidden);
    expect(classifyFile('root/pins_A/._a.jpg', 4096)).toEqual(hidden);
    expect(classifyFile('root/.thumbnails/pins_A/a.jpg', 100)).toEqual(hidden);
    expect(classifyFile('root/__MACOSX/pins_A/a.jpg', 100)).toEqual(hidden);
    expect(classifyFile('.jpg', 100)).toEqual(hidden);
  });

  it('lets the picked root folder have any name, and accepts Windows separators', () => {
    expect(classifyFile('.datasets/pins_A/a.jpg', 100)).toEqual({ kind: 'image' });
    expect(classifyFile('root\\pins_A\\a.jpg', 100)).toEqual({ kind: 'image' });
    expect(classifyFile('root\\.git\\a.jpg', 100)).toEqual({ kind: 'skip', reason: 'hidden-file' });
  });

  it('uses the MIME type only when the extension is not recognised', () => {
    expect(classifyFile('root/pins_A/blob', 100, 'image/jpeg')).toEqual({ kind: 'image' });
    expect(classifyFile('root/pins_A/blob', 100, 'IMAGE/PNG')).toEqual({ kind: 'image' });
    expect(classifyFile('root/pins_A/photo.heic', 100, 'image/heic')).toEqual({
      kind: 'skip',
      reason: 'not-an-image',
    });
    expect(classifyFile('root/pins_A/blob', 100, '')).toEqual({ kind: 'skip', reason: 'not-an-image' });
    expect(classifyFile('root/pins_A/a.jpg', 100, 'application/octet-stream')).toEqual({ kind: 'image' });
  });
});

describe('groupByPerson', () => {
  it('groups by the immediate parent folder and names each person', () => {
    const g = groupByPerson([
      'root/pins_amber heard/2.jpg',
      'root/pins_amber heard/10.jpg',
      'root/pins_amber heard/1.jpg',
      'root/George_W_Bush/a.jpg',
    ]);
    expect(g.people).toEqual([
      {
        folder: 'root/pins_amber heard',
        name: 'Amber Heard',
        imagePaths: [
          'root/pins_amber heard/1.jpg',
          'root/pins_amber heard/2.jpg',
          'root/pins_amber heard/10.jpg',
        ],
      },
      { folder: 'root/George_W_Bush', name: 'George W Bush', imagePaths: ['root/George_W_Bush/a.jpg'] },
    ]);
    expect(g.skipped).toEqual([]);
  });

  it('uses the deepest folder holding images, at any nesting', () => {
    const g = groupByPerson([
      'root/group/pins_A/x.jpg',
      'root/group/deeper/pins_B/y.jpg',
      'root/pins_C/z.jpg',
    ]);
    expect(g.people.map((i) => [i.folder, i.name])).toEqual([
      ['root/group/pins_A', 'A'],
      ['root/group/deeper/pins_B', 'B'],
      ['root/pins_C', 'C'],
    ]);
  });

  it('skips images directly in the picked folder, and loose files', () => {
    const g = groupByPerson(['root/pins_A/x.jpg', 'root/loose.jpg', 'alone.jpg']);
    expect(g.people.map((i) => i.name)).toEqual(['A']);
    expect(g.skipped).toEqual([
      { path: 'alone.jpg', reason: 'no-identity-folder' },
      { path: 'root/loose.jpg', reason: 'no-identity-folder' },
    ]);
  });

  it('keeps same-named folders in different parents apart, naming them by parent', () => {
    const g = groupByPerson(['root/set1/pins_amber heard/a.jpg', 'root/set2/pins_Amber Heard/b.jpg']);
    expect(g.people.map((i) => [i.name, i.folder])).toEqual([
      ['Amber Heard (set1)', 'root/set1/pins_amber heard'],
      ['Amber Heard (set2)', 'root/set2/pins_Amber Heard'],
    ]);
  });

  it('uses more of the parent path when the nearest parents match too', () => {
    const g = groupByPerson(['r/s1/faces/A/1.jpg', 'r/s2/faces/A/1.jpg', 'r/A/1.jpg']);
    expect(g.people.map((i) => i.name)).toEqual(['A (r)', 'A (s1/faces)', 'A (s2/faces)']);
  });

  it('falls back to the whole folder path when only the folder spelling differs', () => {
    const g = groupByPerson(['root/pins_a/1.jpg', 'root/PINS_a/1.jpg']);
    // The labels differ only in case, so the final uniqueness pass numbers the second.
    expect(g.people.map((i) => [i.name, i.folder])).toEqual([
      ['A (root/PINS_a)', 'root/PINS_a'],
      ['A (root/pins_a) 2', 'root/pins_a'],
    ]);
  });

  it('never produces two identical display names', () => {
    const g = groupByPerson(['r/x/A/1.jpg', 'r/y/A/1.jpg', 'r/z/A (x)/1.jpg']);
    const names = g.people.map((i) => i.name.toLowerCase());
    expect(new Set(names).size).toBe(3);
    expect(g.people.map((i) => i.name)).toEqual(['A (x)', 'A (x) 2', 'A (y)']);
  });

  it('does not depend on input order', () => {
    const paths = ['r/B/2.jpg', 'r/A/1.jpg', 'r/B/1.jpg', 'r/s/A/9.jpg', 'r/x.jpg'];
    expect(groupByPerson([...paths].reverse())).toEqual(groupByPerson(paths));
  });

  it('reports duplicate paths once and keeps the image once', () => {
    const g = groupByPerson(['r/A/1.jpg', 'r/A/1.jpg']);
    expect(g.people[0]!.imagePaths).toEqual(['r/A/1.jpg']);
    expect(g.skipped).toEqual([{ path: 'r/A/1.jpg', reason: 'duplicate-path' }]);
  });

  it('keeps Windows-style paths as given but groups them like the rest', () => {
    const g = groupByPerson(['root\\pins_A\\1.jpg', 'root/pins_A/2.jpg']);
    expect(g.people).toHaveLength(1);
    expect(g.people[0]!.folder).toBe('root/pins_A');
    expect(g.people[0]!.imagePaths).toEqual(['root\\pins_A\\1.jpg', 'root/pins_A/2.jpg']);
  });

  it('handles no input', () => {
    expect(groupByPerson([])).toEqual({ people: [], skipped: [] });
  });
});

describe('folderBelowRoot', () => {
  it('drops the picked folder from a person key, at any depth', () => {
    expect(folderBelowRoot('pins-dev/pins_Adam Brody')).toBe('pins_Adam Brody');
    expect(folderBelowRoot('root/group/deeper/pins_B')).toBe('group/deeper/pins_B');
  });

  it('drops the root shared by several dropped items', () => {
    expect(folderBelowRoot('Dropped items/pins_A')).toBe('pins_A');
    expect(folderBelowRoot('Dropped items/pins-dev/pins_A')).toBe('pins-dev/pins_A');
  });

  it('keeps a key with no root whole and normalises separators', () => {
    expect(folderBelowRoot('Amber Heard')).toBe('Amber Heard');
    expect(folderBelowRoot('root\\set1\\A')).toBe('set1/A');
    expect(folderBelowRoot('')).toBe('');
  });
});
