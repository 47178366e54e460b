import { Injectable } from '@nestjs/common';
import { ClsService, ClsServiceManager } from 'nestjs-cls';
import type { Actor } from '../auth/actor';
import type { JobTrace } from '../jobs/job-trace';

interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The job being run, with the trace it carries (set by the job runner for the job's own context). */
export interface JobRunInfo extends JobTrace {
  jobId: string;
  jobName: string;
}

const JOB_KEY = 'brevet.job';

/**
 * Who is acting and from where, for code far from the controller (the audit log, scoped repositories).
 * Filled by the auth guard for every HTTP request; empty in jobs, where the actor is the system. A job has
 * its own entry instead: which job runs, and for which request (`job`).
 */
@Injectable()
export class RequestContext {
  constructor(private readonly cls: ClsService) {}

  get actor(): Actor | undefined {
    return this.cls.isActive() ? this.cls.get<Actor | undefined>('brevet.actor') : undefined;
  }

  get request(): RequestInfo {
    const info = this.cls.isActive() ? this.cls.get<RequestInfo | undefined>('brevet.request') : undefined;
    return info ?? { ip: null, userAgent: null, requestId: null };
  }

  get job(): JobRunInfo | undefined {
    return this.cls.isActive() ? this.cls.get<JobRunInfo | undefined>(JOB_KEY) : undefined;
  }

  /**
   * The trace a job enqueued right now carries: the current request's ID and user, or inside a job the
   * trace of that job; null elsewhere (the caller then generates one).
   */
  get trace(): JobTrace | null {
    const job = this.job;
    if (job) return { requestId: job.requestId, actorId: job.actorId };
    const { requestId } = this.request;
    return requestId ? { requestId, actorId: this.actor?.userId ?? null } : null;
  }

  setActor(actor: Actor | undefined): void {
    if (this.cls.isActive()) this.cls.set('brevet.actor', actor);
  }

  setRequest(info: RequestInfo): void {
    if (this.cls.isActive()) this.cls.set('brevet.request', info);
  }

  setJob(info: JobRunInfo): void {
    if (this.cls.isActive()) this.cls.set(JOB_KEY, info);
  }
}

/**
 * Fields for every log line written while a job runs (the logger's mixin calls this per line): `requestId`,
 * `jobId`, `jobName` and, when the job was requested by a signed-in person, `actorId`. Empty elsewhere; HTTP
 * lines get `requestId` from the request logger.
 */
export function jobLogFields(): Record<string, string> {
  const cls = ClsServiceManager.getClsService();
  const job = cls.isActive() ? cls.get<JobRunInfo | undefined>(JOB_KEY) : undefined;
  if (!job) return {};
  const fields: Record<string, string> = {
    requestId: job.requestId,
    jobId: job.jobId,
    jobName: job.jobName,
  };
  if (job.actorId) fields['actorId'] = job.actorId;
  return fields;
}
