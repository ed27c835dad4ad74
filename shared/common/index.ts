export * from './ids.schema';
export * from './severity.schema';
