export * from './assessment';
export * from './assessment.html';
export * from './contract.errors';
export * from './contract.rules';
export * from './contract.schema';
export * from './coverage';
export * from './payment.rules';
export * from './signoff.machine';
