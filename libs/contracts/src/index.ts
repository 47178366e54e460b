export * from './lib/branches';
export * from './lib/credentials';
export * from './lib/health';
export * from './lib/organisation';
export * from './lib/paging';
export * from './lib/people';
export * from './lib/problem';
export * from './lib/routes';
