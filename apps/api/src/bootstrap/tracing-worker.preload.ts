import { startTracing } from './tracing';

/** Imported first by worker.ts: tracing must start before pg and ioredis are loaded. */
startTracing('worker');
