export * from './lib/brevet-process';
export * from './lib/free-port';
export * from './lib/cluster';
export * from './lib/load-balancer';
export * from './lib/redis-server';
