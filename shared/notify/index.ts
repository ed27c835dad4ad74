export * from './subscription.schema';
export * from './templates';
