/**
 * Which entry point started this process: `main.ts` (HTTP), `worker.ts` (jobs only) or `cli.ts` (one admin
 * command: no HTTP, no jobs, no start-up work).
 */
export type ProcessRole = 'api' | 'worker' | 'cli';
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
