/** Every failure the app can name. UI code maps a code to a specific, human message. */
export type ErrorCode =
  | 'invalid-argument'
  | 'dimension-mismatch'
  | 'invalid-vector'
  | 'no-face'
  | 'decode-failed'
  | 'model-load-failed'
  | 'model-output-not-vector'
  | 'aborted'
  | 'storage-full'
  | 'storage-failed'
  | 'webgl-context-lost'
  | 'invalid-import'
  | 'camera-denied'
  | 'camera-missing'
  | 'camera-busy';

export class LikenessError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LikenessError';
    this.code = code;
  }
}

export function isLikenessError(e: unknown, code?: ErrorCode): e is LikenessError {
  return e instanceof LikenessError && (code === undefined || e.code === code);
}

/** The message of anything thrown, for the user: an Error's message, else the value as text. */
export const errorMessage = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/**
 * True for our own 'aborted' error and for the platform's AbortError (a DOMException from
 * AbortSignal/fetch), so that cancelled jobs can stay silent whichever layer threw.
 */
export function isAbortError(e: unknown): boolean {
  if (e instanceof LikenessError) return e.code === 'aborted';
  return typeof e === 'object' && e !== null && 'name' in e && e.name === 'AbortError';
}
