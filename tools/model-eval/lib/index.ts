export * from './detect';
export * from './align';
export * from './embed';
export * from './pipeline';
