import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import type { Actor } from '../auth/actor';

interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Who is acting and from where, for code far from the controller (the audit log, scoped repositories).
 * Filled by the auth guard for every HTTP request; empty in jobs, where the actor is the system.
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

  setActor(actor: Actor | undefined): void {
    if (this.cls.isActive()) this.cls.set('brevet.actor', actor);
  }

  setRequest(info: RequestInfo): void {
    if (this.cls.isActive()) this.cls.set('brevet.request', info);
  }
}
