/** Helpers for core's unit tests (imported only by *.test.ts files). */
import { LikenessError } from './errors';

/** A Float32Array from its numbers. */
export const f = (...xs: number[]) => new Float32Array(xs);

/** The LikenessError code `fn` throws, 'not-a-likeness-error' for any other throw, undefined if none. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    return e instanceof LikenessError ? e.code : 'not-a-likeness-error';
  }
  return undefined;
}
