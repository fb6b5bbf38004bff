// The harness measures the app's own alignment code.
export * from '../../../src/engine/align';
