import { describe, expect, it } from 'vitest';
import {
  droppedRoot,
  folderFromEntries,
  type DirectoryEntryLike,
  type EntryLike,
  type FileEntryLike,
} from './entries';

type Tree = { [name: string]: Tree | string };

/** Fake entries API; directories hand out their children `chunk` at a time, like Chromium's 100. */
function entry(name: string, node: Tree | string, parent: string, chunk = 2): EntryLike {
  const fullPath = `${parent}/${name}`;
  if (typeof node === 'string') {
    const fileEntry: FileEntryLike = {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file: (ok, fail) => (node === 'unreadable' ? fail?.(new Error('gone')) : ok(new File([node], name))),
    };
    return fileEntry;
  }
  const dir: DirectoryEntryLike = {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader() {
      const children = Object.entries(node).map(([n, child]) => entry(n, child, fullPath, chunk));
      let offset = 0;
      return {
        readEntries(ok) {
          const part = children.slice(offset, offset + chunk);
          offset += chunk;
          setTimeout(() => ok(part));
        },
      };
    },
  };
  return dir;
}

describe('folderFromEntries', () => {
  it('reads every entry, calling readEntries until it returns none, and sees empty folders', async () => {
    const tree: Tree = {
      amy: { 'a1.png': 'x', 'a2.png': 'x', 'a3.png': 'x', 'a4.png': 'x', 'a5.png': 'x' },
      nobody: {},
      raj: { deeper: { 'r1.png': 'x' }, 'bad.jpg': 'unreadable' },
    };
    const folder = await folderFromEntries([entry('bbt', tree, '')]);
    expect(folder.files.map((f) => f.path).sort()).toEqual([
      'bbt/amy/a1.png',
      'bbt/amy/a2.png',
      'bbt/amy/a3.png',
      'bbt/amy/a4.png',
      'bbt/amy/a5.png',
      'bbt/raj/deeper/r1.png',
    ]);
    expect(folder.emptyFolders).toEqual(['bbt/nobody']);
    expect(folder.unreadable).toEqual(['bbt/raj/bad.jpg']);
  });

  it('puts several dropped items under one root so each folder stays a person', async () => {
    const folder = await folderFromEntries([
      entry('amy', { '1.png': 'x' }, ''),
      entry('raj', { '1.png': 'x' }, ''),
    ]);
    expect(folder.files.map((f) => f.path).sort()).toEqual([
      `${droppedRoot}/amy/1.png`,
      `${droppedRoot}/raj/1.png`,
    ]);
  });
});
