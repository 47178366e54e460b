import { Injectable } from '@nestjs/common';
import { SCIM_BASE_PATH } from '@brevet/contracts';
import { AppConfig } from '../config/app-config';
import { ScimUrn, SCIM_MAX_RESULTS } from './scim.constants';
import { ScimException } from './scim.exception';
import { listResponse, type ScimListResponse } from './scim-resource.mapper';
import { ALL_SCHEMAS, type ScimSchemaDef } from './scim-schema';
import type { JsonObject } from './scim-schema';

/** The discovery endpoints of RFC 7644 §4: what this service provider supports, and its schemas. */
@Injectable()
export class ScimDiscoveryService {
  private readonly baseUrl: string;

  constructor(config: AppConfig) {
    this.baseUrl = `${config.publicUrl}${SCIM_BASE_PATH}`;
  }

  serviceProviderConfig(): JsonObject {
    return {
      schemas: [ScimUrn.ServiceProviderConfig],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: false },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description:
            'A SCIM token created by an HR admin in Brevet, sent as "Authorization: Bearer <token>".',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${this.baseUrl}/ServiceProviderConfig` },
    };
  }

  resourceTypes(): ScimListResponse {
    const all = this.allResourceTypes();
    return listResponse(all, all.length, 1);
  }

  resourceType(id: string): JsonObject {
    const found = this.allResourceTypes().find((t) => String(t['id']).toLowerCase() === id.toLowerCase());
    if (!found) throw ScimException.notFound('ResourceType', id);
    return found;
  }

  schemas(): ScimListResponse {
    const all = ALL_SCHEMAS.map((s) => this.schema(s));
    return listResponse(all, all.length, 1);
  }

  schemaById(id: string): JsonObject {
    const found = ALL_SCHEMAS.find((s) => s.id.toLowerCase() === id.toLowerCase());
    if (!found) throw ScimException.notFound('Schema', id);
    return this.schema(found);
  }

  private schema(schema: ScimSchemaDef): JsonObject {
    return {
      schemas: [ScimUrn.Schema],
      id: schema.id,
      name: schema.name,
      description: schema.description,
      attributes: JSON.parse(JSON.stringify(schema.attributes)) as JsonObject[],
      meta: { resourceType: 'Schema', location: `${this.baseUrl}/Schemas/${schema.id}` },
    };
  }

  private allResourceTypes(): JsonObject[] {
    return [
      {
        schemas: [ScimUrn.ResourceType],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'A person in Brevet, keyed by employee number.',
        schema: ScimUrn.User,
        schemaExtensions: [{ schema: ScimUrn.EnterpriseUser, required: true }],
        meta: { resourceType: 'ResourceType', location: `${this.baseUrl}/ResourceTypes/User` },
      },
      {
        schemas: [ScimUrn.ResourceType],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'A group of users, kept for role mapping.',
        schema: ScimUrn.Group,
        meta: { resourceType: 'ResourceType', location: `${this.baseUrl}/ResourceTypes/Group` },
      },
    ];
  }
}
