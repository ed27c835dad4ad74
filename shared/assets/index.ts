export * from './asset.errors';
export * from './asset.import';
export * from './asset.machine';
export * from './asset.schema';
export * from './asset.score';
export * from './depreciation';
export * from './verification.rules';
