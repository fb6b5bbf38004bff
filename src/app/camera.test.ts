import { describe, expect, it } from 'vitest';
import { LikenessError } from '../core/errors';
import { cameraError } from './camera';

const named = (name: string) => new DOMException('platform message', name);

describe('cameraError', () => {
  it('maps getUserMedia failures to denied, missing and busy', () => {
    expect(cameraError(named('NotAllowedError')).code).toBe('camera-denied');
    expect(cameraError(named('SecurityError')).code).toBe('camera-denied');
    expect(cameraError(named('NotFoundError')).code).toBe('camera-missing');
    expect(cameraError(named('OverconstrainedError')).code).toBe('camera-missing');
    expect(cameraError(named('NotReadableError')).code).toBe('camera-busy');
    expect(cameraError({ name: 'TrackStartError' }).code).toBe('camera-busy');
  });

  it('says what to do and keeps the cause', () => {
    const cause = named('NotAllowedError');
    const e = cameraError(cause);
    expect(e.message).toMatch(/denied/);
    expect(e.cause).toBe(cause);
  });

  it('passes its own errors through and names unknown ones', () => {
    const own = new LikenessError('camera-missing', 'none');
    expect(cameraError(own)).toBe(own);
    expect(cameraError(new Error('odd')).message).toMatch(/odd/);
  });
});
