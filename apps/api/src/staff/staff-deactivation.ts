import { Injectable, Logger } from '@nestjs/common';

export interface StaffDeactivatedEvent {
  staffId: string;
  /** Who did it: the identity provider (`active: false` or DELETE over SCIM), or an admin in Brevet. */
  reason: 'scim.deactivated' | 'scim.deleted' | 'staff.left';
}

export type StaffDeactivationListener = (event: StaffDeactivatedEvent) => Promise<void> | void;

/**
 * The seam through which a deactivation ends a person's sessions. Brevet has no sessions yet; the
 * sessions module (SSO issue) subscribes here and deletes every session of `staffId` in the shared store.
 *
 * Published after the change has committed, each time a SCIM write leaves the person inactive or deleted
 * (not only on the transition), so that a retried request ends sessions that a failed listener left.
 * A listener error fails the request: the identity provider retries it, and ending sessions is idempotent.
 */
@Injectable()
export class StaffDeactivation {
  private readonly logger = new Logger(StaffDeactivation.name);
  private readonly listeners = new Set<StaffDeactivationListener>();

  /** Returns the function that unsubscribes. */
  subscribe(listener: StaffDeactivationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async publish(event: StaffDeactivatedEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(`ending the sessions of staff ${event.staffId} failed: ${String(error)}`);
        throw error;
      }
    }
  }
}
