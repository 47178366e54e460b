import { Injectable } from '@nestjs/common';
import { Permission, type CredentialInput } from '@brevet/contracts';
import type { AccessScope, Actor } from '../auth/actor';

/**
 * Which status list indices are revoked (`award.status_list_index` of every revoked award). The awards
 * module implements it; the revocation list is rebuilt from it at most every few seconds.
 */
export interface RevokedIndexSource {
  revokedIndices(): Promise<number[]>;
}

/**
 * Who asks for an award: anyone with the link (the public verification page), or a signed-in person who sees
 * the awards of the branches in `scope` (null: none) and their own (`staffId`; null: none).
 */
export type CredentialViewer = 'anyone' | { scope: AccessScope | null; staffId: string | null };

/**
 * What a signed-in person may open as a credential or PDF: with AwardsRead the awards in their scope, with
 * Self their own.
 */
export function credentialViewerOf(actor: Actor): CredentialViewer {
  return {
    scope: actor.permissions.has(Permission.AwardsRead) ? actor.scope : null,
    staffId: actor.permissions.has(Permission.Self) ? actor.staffId : null,
  };
}

/**
 * The award data for the verification page, the credential and the PDF; null when there is no such award or
 * `viewer` may not see it (the same answer, so an ID outside one's scope reveals nothing).
 */
export interface PublicCredentialSource {
  findForVerification(awardId: string, viewer: CredentialViewer): Promise<CredentialInput | null>;
}

export const REVOKED_INDEX_SOURCE = Symbol('REVOKED_INDEX_SOURCE');
export const PUBLIC_CREDENTIAL_SOURCE = Symbol('PUBLIC_CREDENTIAL_SOURCE');

/** Until the awards module is wired in: nothing is revoked. */
@Injectable()
export class NoRevokedIndices implements RevokedIndexSource {
  revokedIndices(): Promise<number[]> {
    return Promise.resolve([]);
  }
}

/** Until the awards module is wired in: there are no awards to show. */
@Injectable()
export class NoPublicCredentials implements PublicCredentialSource {
  findForVerification(): Promise<CredentialInput | null> {
    return Promise.resolve(null);
  }
}
