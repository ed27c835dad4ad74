export * from './survey.aggregate';
export * from './survey.answers';
export * from './survey.errors';
export * from './survey.machine';
export * from './survey.schema';
