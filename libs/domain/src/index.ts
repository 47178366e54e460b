export * from './lib/country';
export * from './lib/dates';
export * from './lib/locale';
export * from './lib/time-zone';
