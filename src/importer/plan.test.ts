import { describe, expect, it } from 'vitest';
import { skipReasonText } from '../core/dataset-folders';
import { planImport, planLibrary, rootName } from './plan';

const file = (path: string, size = 100) => ({ path, size });

describe('planImport', () => {
  it('groups images by their folder and reports every file it leaves out', () => {
    const plan = planImport(
      [
        file('bbt/amy/amy2.png'),
        file('bbt/amy/amy10.png'),
        file('bbt/pins_penny lane/p.jpg'),
        file('bbt/amy/notes.txt'),
        file('bbt/amy/zero.jpg', 0),
        file('bbt/ATTRIBUTION.md'),
        file('bbt/loose.jpg'),
        file('bbt/.DS_Store'),
      ],
      { emptyFolders: ['bbt/nobody'], unreadable: ['bbt/amy/locked.jpg'] },
    );
    expect(plan.name).toBe('bbt');
    expect(plan.people).toEqual([
      { key: 'bbt/amy', name: 'Amy', imageCount: 2 },
      { key: 'bbt/pins_penny lane', name: 'Penny Lane', imageCount: 1 },
    ]);
    expect(plan.images.map((i) => i.path)).toEqual([
      'bbt/amy/amy2.png',
      'bbt/amy/amy10.png',
      'bbt/pins_penny lane/p.jpg',
    ]);
    expect(plan.skipped).toEqual([
      { path: 'bbt/.DS_Store', reason: 'hidden-file' },
      { path: 'bbt/amy/locked.jpg', reason: 'unreadable' },
      { path: 'bbt/amy/notes.txt', reason: 'not-an-image' },
      { path: 'bbt/amy/zero.jpg', reason: 'empty-file' },
      { path: 'bbt/ATTRIBUTION.md', reason: 'not-an-image' },
      { path: 'bbt/loose.jpg', reason: 'no-identity-folder' },
      { path: 'bbt/nobody/', reason: 'empty-folder' },
    ]);
  });

  it('uses the deepest folders that hold images as people', () => {
    const plan = planImport([file('set/group/pins_A/1.jpg'), file('set/group/2.jpg')]);
    expect(plan.people.map((i) => i.key).sort()).toEqual(['set/group', 'set/group/pins_A']);
  });

  it('plans nothing for an empty pick, named after the empty folder', () => {
    const plan = planImport([], { emptyFolders: ['empty'] });
    expect(plan).toMatchObject({
      name: 'empty',
      images: [],
      skipped: [{ path: 'empty/', reason: 'empty-folder' }],
    });
  });
});

describe('skipReasonText', () => {
  it('explains known reasons and passes unknown ones through', () => {
    expect(skipReasonText('undecodable')).toMatch(/corrupt/);
    expect(skipReasonText('something new')).toBe('something new');
  });
  it('rootName takes the first segment', () => {
    expect(rootName(['a\\b\\c.jpg'])).toBe('a');
    expect(rootName([])).toBe('Dataset');
  });
});

describe('planLibrary', () => {
  it('takes every image at any depth as a photo, names nobody, and reports the rest', () => {
    const plan = planLibrary(
      [
        file('Photos/2019/03/IMG_10.jpg'),
        file('Photos/2019/03/IMG_9.jpg'),
        file('Photos/loose.png'),
        file('Photos/2019/2019-07 Holiday/DSC_1.JPG'),
        file('Photos/2019/notes.txt'),
        file('Photos/2019/.DS_Store'),
        file('Photos/2020/empty.jpg', 0),
      ],
      { emptyFolders: ['Photos/2021'] },
    );
    expect(plan.name).toBe('Photos');
    expect(plan.people).toEqual([]);
    expect(plan.images).toEqual([
      { path: 'Photos/2019/03/IMG_9.jpg', personKey: '' },
      { path: 'Photos/2019/03/IMG_10.jpg', personKey: '' },
      { path: 'Photos/2019/2019-07 Holiday/DSC_1.JPG', personKey: '' },
      { path: 'Photos/loose.png', personKey: '' },
    ]);
    expect(plan.skipped.map((s) => s.reason).sort()).toEqual([
      'empty-file',
      'empty-folder',
      'hidden-file',
      'not-an-image',
    ]);
  });
});
