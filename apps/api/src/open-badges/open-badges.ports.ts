import { Injectable } from '@nestjs/common';
import type { CredentialInput } from '@brevet/contracts';

/**
 * Which status list indices are revoked (`award.status_list_index` of every revoked award). The awards
 * module implements it; the revocation list is rebuilt from it at most every few seconds.
 */
export interface RevokedIndexSource {
  revokedIndices(): Promise<number[]>;
}

/** The award data for the verification page, the credential and the PDF; null when there is no such award. */
export interface PublicCredentialSource {
  findForVerification(awardId: string): Promise<CredentialInput | null>;
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
