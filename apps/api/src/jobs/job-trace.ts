import { randomUUID } from 'node:crypto';
import { isValidRequestId } from '../common/request-id';

/**
 * What a job carries besides its payload: the ID of the request that enqueued it and the user of that
 * request (IDs only, never names or addresses). A job enqueued outside a request (the scheduler, the CLI,
 * the demo seeding) gets a generated request ID of its own. Jobs that a job enqueues carry the same trace, so
 * one request can be followed through every job it caused (docs/operations.md).
 */
export interface JobTrace {
  requestId: string;
  actorId: string | null;
}

/** Where a traced job's envelope sits in BullMQ's job data, beside the payload; taken off before the handler. */
export const TRACE_FIELD = '_trace';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A trace for work that no request started. */
export function newJobTrace(): JobTrace {
  return { requestId: randomUUID(), actorId: null };
}

/**
 * A stored trace (Redis, the outbox row) read back defensively: anything malformed counts as absent, so no
 * stored value can put arbitrary text into a log line.
 */
export function readJobTrace(value: unknown): JobTrace | null {
  if (typeof value !== 'object' || value === null) return null;
  const { requestId, actorId } = value as Record<string, unknown>;
  if (!isValidRequestId(requestId)) return null;
  return { requestId, actorId: typeof actorId === 'string' && UUID.test(actorId) ? actorId : null };
}

/** Splits BullMQ job data into the payload the handler gets and the trace beside it. */
export function splitTracedData(data: unknown): { payload: unknown; trace: JobTrace | null } {
  if (typeof data !== 'object' || data === null || !(TRACE_FIELD in data))
    return { payload: data, trace: null };
  const { [TRACE_FIELD]: raw, ...payload } = data as Record<string, unknown>;
  return { payload, trace: readJobTrace(raw) };
}
