export * from './counted';
export * from './ranking';
export * from './rating.schema';
export * from './rollup';
