export * from './lib/brevet-process';
export * from './lib/free-port';
