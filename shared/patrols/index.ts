export * from './coverage';
export * from './coverage.check';
export * from './occurrence.machine';
export * from './patrol.errors';
export * from './patrol.scoring';
export * from './plan.schema';
export * from './recurrence';
export * from './sampling';
