export * from './envelope';
export * from './topics';
export * from './registry';
export * from './payload';
export * from './catalogue';
export * from './events/ops.events';
export * from './events/demand.events';
