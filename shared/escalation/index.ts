export * from './escalation.errors';
export * from './escalation.rules';
export * from './timer.rules';
