import { startTracing } from './tracing';

/** Imported first by main.ts: tracing must start before Express, pg and ioredis are loaded. */
startTracing('api');
