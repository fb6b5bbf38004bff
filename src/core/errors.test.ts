import { describe, expect, it } from 'vitest';
import { isAbortError, isLikenessError, LikenessError } from './errors';

describe('LikenessError', () => {
  it('carries a code, a name and a message and is an Error', () => {
    const e = new LikenessError('no-face', 'No face found in a.jpg');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(LikenessError);
    expect(e.code).toBe('no-face');
    expect(e.name).toBe('LikenessError');
    expect(e.message).toBe('No face found in a.jpg');
  });

  it('keeps the cause', () => {
    const cause = new RangeError('boom');
    const e = new LikenessError('decode-failed', 'bad jpeg', { cause });
    expect(e.cause).toBe(cause);
  });

  it('isLikenessError checks class and optionally the code', () => {
    const e = new LikenessError('storage-full', 'quota');
    expect(isLikenessError(e)).toBe(true);
    expect(isLikenessError(e, 'storage-full')).toBe(true);
    expect(isLikenessError(e, 'storage-failed')).toBe(false);
    expect(isLikenessError(new Error('x'))).toBe(false);
    expect(isLikenessError('storage-full')).toBe(false);
  });
});

describe('isAbortError', () => {
  it('recognises our aborted code', () => {
    expect(isAbortError(new LikenessError('aborted', 'cancelled'))).toBe(true);
    expect(isAbortError(new LikenessError('decode-failed', 'x'))).toBe(false);
  });

  it('recognises the platform AbortError', () => {
    const controller = new AbortController();
    controller.abort();
    expect(isAbortError(controller.signal.reason)).toBe(true);
    expect(isAbortError(new DOMException('stop', 'AbortError'))).toBe(true);
  });

  it('rejects other values', () => {
    expect(isAbortError(new Error('AbortError'))).toBe(false);
    expect(isAbortError(new DOMException('x', 'NotFoundError'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
    expect(isAbortError(undefined)).toBe(false);
    expect(isAbortError('AbortError')).toBe(false);
  });
});
