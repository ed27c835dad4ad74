export * from './accountability.errors';
export * from './agenda';
export * from './case.machine';
export * from './strikes';
export * from './supervision';
