export * from './applicability';
export * from './compliance-status';
