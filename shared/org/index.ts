export * from './category.defaults';
export * from './category.order';
export * from './category.schema';
export * from './person.schema';
export * from './unit.schema';
export * from './zone.schema';
