import { Injectable, Logger } from '@nestjs/common';
import { Transactional } from '@nestjs-cls/transactional';
import type { LastAssertion } from '@brevet/contracts';
import { AuditLog } from '../audit/audit-log.service';
import { UserAccountRepository } from '../auth/user-account.repository';
import type { IdentityProviderEntity } from './identity-provider.entity';
import { IdentityProviderRepository } from './identity-provider.repository';
import type { CheckedAssertion } from './saml-xml.util';
import { ssoGrantsRecord } from './sso-audit.util';
import {
  attributesForDisplay,
  codesOf,
  displayNameOf,
  encodeUnsafe,
  mapAttributes,
  resolveGrants,
  wantedGrants,
} from './sso-mapping.util';

export type ProvisionResult =
  { ok: true; userId: string; displayName: string; notes: string[] } | { ok: false; reason: string };

/**
 * Just-in-time provisioning after a verified sign-in: the account of (identity provider, NameID), its link to
 * a staff record, its `sso` role grants from the group rules, and the "last received assertion" record. When
 * the group rules give the account other grants than before, that is one `role.changed` audit entry (with
 * both), recorded last in the provisioning transaction: it stands even when the sign-in is then refused.
 */
@Injectable()
export class SsoSignInService {
  private readonly logger = new Logger(SsoSignInService.name);

  constructor(
    private readonly users: UserAccountRepository,
    private readonly providers: IdentityProviderRepository,
    private readonly audit: AuditLog,
  ) {}

  @Transactional()
  async provision(
    idp: IdentityProviderEntity,
    assertion: CheckedAssertion,
    now: Date,
  ): Promise<ProvisionResult> {
    const { user: mapped, notes } = mapAttributes(assertion.attributes, idp.attributeMapping);
    const linkValue = idp.linkStaffBy === 'employeeNumber' ? mapped.employeeNumber : mapped.email;
    const staffId = linkValue ? await this.users.findStaffId(idp.linkStaffBy, linkValue) : null;
    if (!linkValue) notes.push(`no ${idp.linkStaffBy} attribute: not linked to a staff record`);
    else if (!staffId) notes.push(`no single staff record with this ${idp.linkStaffBy}: not linked`);

    const wanted = wantedGrants(idp.groupRoleRules, mapped.groups, mapped.branchCode);
    const codes = codesOf(wanted.wanted);
    const resolved = resolveGrants(
      wanted.wanted,
      await this.providers.branchIdsByCode(codes.branchCodes),
      await this.providers.regionIdsByCode(codes.regionCodes),
    );
    notes.push(...wanted.notes, ...resolved.notes);

    const displayName = displayNameOf(mapped, assertion.nameId);
    const account = await this.users.upsertSsoUser(
      { identityProviderId: idp.id, nameId: assertion.nameId, email: mapped.email, displayName, staffId },
      now,
    );
    const grantsBefore = (await this.users.grants(account.id)).filter((g) => g.source === 'sso');
    await this.users.replaceGrants(account.id, 'sso', resolved.grants);
    for (const note of notes) this.logger.log(`identity provider ${idp.slug}: ${note}`);

    const state = await this.users.findWithStaff(account.id);
    const refusal =
      !state || state.status !== 'active'
        ? 'the account is disabled'
        : state.staffStatus === 'left'
          ? 'the linked person has left'
          : null;
    if (refusal === null) {
      await this.record(idp.id, {
        receivedAt: now.toISOString(),
        outcome: 'accepted',
        nameId: encodeUnsafe(assertion.nameId),
        attributes: attributesForDisplay(assertion.attributes),
        error: null,
        notes,
      });
    }
    const grantsChanged = ssoGrantsRecord(
      idp,
      { id: account.id, displayName },
      grantsBefore,
      resolved.grants,
    );
    if (grantsChanged) await this.audit.record(grantsChanged);
    return refusal === null
      ? { ok: true, userId: account.id, displayName, notes }
      : { ok: false, reason: refusal };
  }

  /** Stores the latest attempt (accepted or rejected) for the "Last received assertion" page. */
  async record(identityProviderId: string, lastAssertion: LastAssertion): Promise<void> {
    await this.providers.recordLastAssertion(identityProviderId, lastAssertion);
  }
}
