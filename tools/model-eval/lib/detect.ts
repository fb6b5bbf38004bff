// The harness measures the app's own detector code.
export * from '../../../src/engine/blazeface';
