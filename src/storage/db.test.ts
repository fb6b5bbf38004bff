import { describe, expect, it } from 'vitest';
import { LikenessError } from '../core/errors';
import { toStorageError } from './db';

describe('toStorageError', () => {
  it('turns a full disk into storage-full with what to do and that nothing was lost', () => {
    const error = toStorageError(new DOMException('quota', 'QuotaExceededError'), 'store 50 images');
    expect(error).toBeInstanceOf(LikenessError);
    expect(error.code).toBe('storage-full');
    expect(error.message).toContain('could not store 50 images');
    expect(error.message).toContain('nothing stored so far was lost');
  });

  it('keeps other failures specific and passes LikenessErrors through', () => {
    const other = toStorageError(new Error('disk on fire'), 'open the database');
    expect(other.code).toBe('storage-failed');
    expect(other.message).toBe('Could not open the database: disk on fire');
    const own = new LikenessError('aborted', 'Cancelled');
    expect(toStorageError(own, 'x')).toBe(own);
  });
});
