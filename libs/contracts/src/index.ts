export * from './lib/branches';
export * from './lib/health';
export * from './lib/paging';
export * from './lib/problem';
export * from './lib/routes';
