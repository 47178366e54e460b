import { SCIM_ENTERPRISE_USER_SCHEMA } from '@brevet/contracts';

export const SCIM_CONTENT_TYPE = 'application/scim+json';

/** Schema and message URNs of RFC 7643/7644. */
export const ScimUrn = {
  User: 'urn:ietf:params:scim:schemas:core:2.0:User',
  EnterpriseUser: SCIM_ENTERPRISE_USER_SCHEMA,
  Group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  ListResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  PatchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  Error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  ServiceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  ResourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  Schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** The most resources one list answer carries (advertised as `filter.maxResults`). */
export const SCIM_MAX_RESULTS = 200;
export const SCIM_DEFAULT_COUNT = 100;

/** True for any URL under the SCIM base path (Express matches routes ignoring case, so do we). */
export function isScimUrl(url: string | undefined): boolean {
  return /^\/scim\/v2(?:[/?#]|$)/i.test(url ?? '');
}
