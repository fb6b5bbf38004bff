import { describe, expect, it } from 'vitest';
import { isCropMode, modelKeyOf, viewKeyOf } from './model-key';

describe('model keys', () => {
  it('joins the model id and crop mode, and marks the mirror view', () => {
    const key = modelKeyOf('arcface-mbf', 'align');
    expect(key).toBe('arcface-mbf|align');
    expect(viewKeyOf(key, 'plain')).toBe('arcface-mbf|align');
    expect(viewKeyOf(key, 'mirror')).toBe('arcface-mbf|align#mirror');
  });

  it('knows the three crop modes and nothing else', () => {
    expect(['whole', 'detect', 'align'].every(isCropMode)).toBe(true);
    expect(isCropMode('auto')).toBe(false);
    expect(isCropMode(undefined)).toBe(false);
  });
});
