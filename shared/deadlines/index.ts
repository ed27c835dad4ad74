export * from './clock';
export * from './deadline.errors';
export * from './deadline.rules';
export * from './deadline.schema';
export * from './rule-versions';
export * from './service-hours.schema';
export * from './service-time';
