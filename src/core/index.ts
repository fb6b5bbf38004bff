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
export * from './enrolment-curve';
export * from './open-set';
export * from './verification';
export * from './matching-rules';
export * from './database-file';
export * from './csv';
