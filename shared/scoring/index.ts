export * from './rules.schema';
export * from './score';
