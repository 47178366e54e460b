export * from './lib/country';
export * from './lib/time-zone';
