import { describe, expect, it } from 'vitest';
import { LikenessError } from './errors';
import { deriveSeed, mulberry32, shuffle } from './rng';
import { heldOutPeople, pickEnrolment, sample, splitPerson } from './split';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `img${String(i).padStart(3, '0')}.jpg`);

describe('splitPerson', () => {
  const opts = { seed: 42, person: 'Amber Heard', testPerPerson: 3, perPerson: [1, 5, 10] };

  it('shuffles the sorted ids with the person seed, then takes test first and enrol prefixes', () => {
    const images = ids(20);
    const order = shuffle(images, mulberry32(deriveSeed(42, 'Amber Heard')));
    const s = splitPerson(images, opts);
    expect(s.test).toEqual(order.slice(0, 3));
    expect(s.enrol[1]).toEqual(order.slice(3, 4));
    expect(s.enrol[5]).toEqual(order.slice(3, 8));
    expect(s.enrol[10]).toEqual(order.slice(3, 13));
    expect(s.short).toBe(false);
  });

  it('stays the same across releases (saved evaluations depend on it)', () => {
    const s = splitPerson(ids(8), { seed: 1, person: 'A', testPerPerson: 2, perPerson: [3] });
    expect(s).toEqual({
      test: ['img001.jpg', 'img007.jpg'],
      enrol: { 3: ['img006.jpg', 'img002.jpg', 'img005.jpg'] },
      short: false,
    });
  });

  it('does not depend on input order', () => {
    const images = ids(30);
    const reversed = [...images].reverse();
    const scrambled = shuffle(images, mulberry32(99));
    const a = splitPerson(images, opts);
    expect(splitPerson(reversed, opts)).toEqual(a);
    expect(splitPerson(scrambled, opts)).toEqual(a);
  });

  it('never enrols a test image, and smaller enrolments are subsets of larger ones', () => {
    const s = splitPerson(ids(25), { ...opts, perPerson: [10, 1, 25, 5] });
    const test = new Set(s.test);
    for (const n of [1, 5, 10, 25]) {
      for (const id of s.enrol[n]!) expect(test.has(id)).toBe(false);
    }
    expect(s.enrol[5]).toEqual(s.enrol[10]!.slice(0, 5));
    expect(s.enrol[10]).toEqual(s.enrol[25]!.slice(0, 10));
    expect(s.enrol[1]).toEqual(s.enrol[5]!.slice(0, 1));
  });

  it('keeps test images the same whatever the enrolment sizes', () => {
    const a = splitPerson(ids(30), { ...opts, perPerson: [1] });
    const b = splitPerson(ids(30), { ...opts, perPerson: [5, 25] });
    expect(a.test).toEqual(b.test);
  });

  it('is reproducible, and changes with seed or person', () => {
    const images = ids(40);
    const a = splitPerson(images, opts);
    expect(splitPerson(images, opts)).toEqual(a);
    expect(splitPerson(images, { ...opts, seed: 43 }).test).not.toEqual(a.test);
    expect(splitPerson(images, { ...opts, person: 'Amber Heard (set2)' }).test).not.toEqual(a.test);
  });

  it('takes all that remains and reports short when there are too few images', () => {
    const s = splitPerson(ids(7), { ...opts, perPerson: [1, 5, 10] });
    expect(s.test).toHaveLength(3);
    expect(s.enrol[1]).toHaveLength(1);
    expect(s.enrol[5]).toHaveLength(4);
    expect(s.enrol[10]).toHaveLength(4);
    expect(s.short).toBe(true);
    expect(new Set([...s.test, ...s.enrol[10]!])).toEqual(new Set(ids(7)));
  });

  it('reports short when even the test images run out', () => {
    const s = splitPerson(ids(2), opts);
    expect(s.test).toHaveLength(2);
    expect(s.enrol[1]).toEqual([]);
    expect(s.short).toBe(true);
  });

  it('is not short when counts are met exactly', () => {
    const s = splitPerson(ids(13), opts);
    expect(s.enrol[10]).toHaveLength(10);
    expect(s.short).toBe(false);
  });

  it('drops duplicate ids so one image cannot be both probe and enrolment', () => {
    const images = [...ids(5), ...ids(5)];
    const s = splitPerson(images, { ...opts, testPerPerson: 2, perPerson: [10] });
    expect(s.test).toHaveLength(2);
    expect(s.enrol[10]).toHaveLength(3);
    expect(new Set([...s.test, ...s.enrol[10]!]).size).toBe(5);
    expect(s.short).toBe(true);
  });

  it('handles no images and no sizes', () => {
    expect(splitPerson([], opts)).toEqual({ test: [], enrol: { 1: [], 5: [], 10: [] }, short: true });
    expect(splitPerson(ids(3), { ...opts, perPerson: [] }).enrol).toEqual({});
  });

  it('rejects counts that are negative or fractional', () => {
    expect(() => splitPerson(ids(3), { ...opts, testPerPerson: -1 })).toThrow(LikenessError);
    expect(() => splitPerson(ids(3), { ...opts, perPerson: [2.5] })).toThrow(LikenessError);
    expect(() => splitPerson(ids(3), { ...opts, perPerson: [NaN] })).toThrow(LikenessError);
  });
});

describe('the split of a dataset picked under another folder name', () => {
  // Image ids are `${datasetId}:${path}` and person keys the folder path, both starting with the
  // picked folder, as the importer stores them.
  const files = Array.from({ length: 30 }, (_, i) => `${i + 1}.jpg`);
  const picked = (datasetId: string, root: string, folder: string) => ({
    key: `${root}/${folder}`,
    ids: files.map((f) => `${datasetId}:${root}/${folder}/${f}`),
  });
  const fileNames = (ids: readonly string[]) => ids.map((id) => id.slice(id.lastIndexOf('/') + 1));
  const opts = { seed: 42, testPerPerson: 10, perPerson: [1, 10] };

  function splitOf(p: { key: string; ids: string[] }, seed = 42) {
    const s = splitPerson(p.ids, { ...opts, seed, person: p.key });
    return { test: fileNames(s.test), enrol: fileNames(s.enrol[10]!) };
  }

  it('holds out and enrols the same images, whatever the picked folder is called', () => {
    const a = splitOf(picked('d1', 'pins-dev', 'pins_Adam Brody'));
    expect(splitOf(picked('d2', 'likeness-pins-dev-20-Xk3f9a', 'pins_Adam Brody'))).toEqual(a);
    // Several dropped person folders share the root 'Dropped items'.
    expect(splitOf(picked('d3', 'Dropped items', 'pins_Adam Brody'))).toEqual(a);
    const p = picked('d4', 'copy', 'pins_Adam Brody');
    const enrolled = pickEnrolment(p.ids, { seed: 42, person: p.key, perPerson: 5 }).enrol;
    const q = picked('d5', 'pins-dev', 'pins_Adam Brody');
    expect(fileNames(enrolled)).toEqual(
      fileNames(pickEnrolment(q.ids, { seed: 42, person: q.key, perPerson: 5 }).enrol),
    );
  });

  it('keys people nested deeper on their whole folder below the picked one', () => {
    const a = splitOf(picked('d1', 'root', 'group/pins_A'));
    expect(splitOf(picked('d2', 'renamed', 'group/pins_A'))).toEqual(a);
    expect(splitOf(picked('d1', 'root', 'other/pins_A')).test).not.toEqual(a.test);
  });

  it('still changes with the seed', () => {
    const p = picked('d1', 'pins-dev', 'pins_Adam Brody');
    expect(splitOf(p, 7).test).not.toEqual(splitOf(p, 42).test);
    expect(splitOf(p, 7).enrol).not.toEqual(splitOf(p, 42).enrol);
  });

  it('seeds a rooted key as its folder below the root, pinned like the plain one above', () => {
    const s = splitPerson(ids(8), { seed: 1, person: 'any-root/A', testPerPerson: 2, perPerson: [3] });
    expect(s).toEqual(splitPerson(ids(8), { seed: 1, person: 'A', testPerPerson: 2, perPerson: [3] }));
  });
});

describe('heldOutPeople', () => {
  const folders = Array.from({ length: 30 }, (_, i) => `pins_${String(i).padStart(2, '0')}`);
  const keys = (root: string) => folders.map((f) => `${root}/${f}`);
  const below = (ks: readonly string[]) => ks.map((k) => k.slice(k.indexOf('/') + 1));

  it('holds out the same people whatever the picked folder is called or the keys come in', () => {
    const a = heldOutPeople(keys('pins-dev'), 5, 42);
    expect(a).toHaveLength(5);
    expect(below(heldOutPeople(keys('copy-Xk3f9a'), 5, 42))).toEqual(below(a));
    expect(heldOutPeople([...keys('pins-dev')].reverse(), 5, 42)).toEqual(a);
  });

  it('draws as before from keys sharing a root (a sample of the sorted keys), and changes with the seed', () => {
    expect(heldOutPeople(keys('pins-dev'), 5, 42)).toEqual(sample(keys('pins-dev').sort(), 5, 42));
    expect(heldOutPeople(keys('pins-dev'), 5, 7)).not.toEqual(heldOutPeople(keys('pins-dev'), 5, 42));
  });
});

describe('pickEnrolment', () => {
  it('enrols a prefix of the seeded order and holds out all the rest', () => {
    const images = ids(12);
    const p = pickEnrolment(images, { seed: 42, person: 'Amber Heard', perPerson: 5 });
    const order = shuffle(images, mulberry32(deriveSeed(42, 'Amber Heard')));
    expect(p.enrol).toEqual(order.slice(0, 5));
    expect(p.test).toEqual(order.slice(5));
    expect(p.short).toBe(false);
  });

  it('agrees with splitPerson when nothing is held out first', () => {
    const images = ids(12);
    const p = pickEnrolment(images, { seed: 3, person: 'X', perPerson: 4 });
    const s = splitPerson(images, { seed: 3, person: 'X', testPerPerson: 0, perPerson: [4] });
    expect(p.enrol).toEqual(s.enrol[4]);
  });

  it('enrols everything and reports short when there are too few images', () => {
    const p = pickEnrolment(ids(3), { seed: 1, person: 'X', perPerson: 5 });
    expect(p.enrol).toHaveLength(3);
    expect(p.test).toEqual([]);
    expect(p.short).toBe(true);
  });

  it('does not depend on input order', () => {
    const images = ids(10);
    const o = { seed: 8, person: 'Y', perPerson: 3 };
    expect(pickEnrolment([...images].reverse(), o)).toEqual(pickEnrolment(images, o));
  });

  it('rejects a negative count', () => {
    expect(() => pickEnrolment(ids(3), { seed: 1, person: 'X', perPerson: -2 })).toThrow(LikenessError);
  });
});

describe('sample', () => {
  const items = Array.from({ length: 200 }, (_, i) => i);

  it('draws n distinct items reproducibly', () => {
    const s = sample(items, 50, 7);
    expect(s).toHaveLength(50);
    expect(new Set(s).size).toBe(50);
    expect(sample(items, 50, 7)).toEqual(s);
    expect(sample(items, 50, 8)).not.toEqual(s);
    for (const x of s) expect(items).toContain(x);
  });

  it('equals the prefix of a seeded shuffle, so 50 random are within 100 random', () => {
    expect(sample(items, 50, 7)).toEqual(shuffle(items, mulberry32(7)).slice(0, 50));
    expect(sample(items, 100, 7).slice(0, 50)).toEqual(sample(items, 50, 7));
  });

  it('returns all items (shuffled) when n exceeds the count, and nothing for n = 0', () => {
    const s = sample([1, 2, 3], 10, 1);
    expect([...s].sort()).toEqual([1, 2, 3]);
    expect(sample([1, 2, 3], 0, 1)).toEqual([]);
    expect(sample([], 5, 1)).toEqual([]);
  });

  it('leaves the input alone and rejects bad sizes', () => {
    const input = [1, 2, 3, 4];
    sample(input, 2, 3);
    expect(input).toEqual([1, 2, 3, 4]);
    expect(() => sample(input, -1, 1)).toThrow(LikenessError);
    expect(() => sample(input, 1.5, 1)).toThrow(LikenessError);
  });
});
