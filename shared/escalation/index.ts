export * from './escalation.rules';
