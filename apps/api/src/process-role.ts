/** Which entry point started this process: `main.ts` (HTTP) or `worker.ts` (jobs only). */
export type ProcessRole = 'api' | 'worker';
export const PROCESS_ROLE = Symbol('PROCESS_ROLE');
