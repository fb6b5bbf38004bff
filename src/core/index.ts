// The pure core: maths, splits, matching and metrics with no platform dependencies.
export * from './errors';
export * from './vector';
export * from './rng';
export * from './split';
export * from './gallery';
export * from './match';
export * from './metrics';
export * from './names';
export * from './dataset';
export * from './stats';
