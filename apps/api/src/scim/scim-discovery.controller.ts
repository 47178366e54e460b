import { Controller, Get, Param, UseGuards, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ScimBearerGuard } from './scim-bearer.guard';
import { ScimDiscoveryService } from './scim-discovery.service';
import type { ScimListResponse } from './scim-resource.mapper';
import type { JsonObject } from './scim-schema';
import { Public } from '../auth/allow.decorator';

/** SCIM discovery (RFC 7644 §4). Behind the token too: Entra ID and Okta send it everywhere. */
@ApiExcludeController()
@UseGuards(ScimBearerGuard)
/** No session: ScimBearerGuard authenticates the identity provider by its SCIM token. */
@Public()
@Controller({ path: 'scim/v2', version: VERSION_NEUTRAL })
export class ScimDiscoveryController {
  constructor(private readonly discovery: ScimDiscoveryService) {}

  @Get('ServiceProviderConfig')
  serviceProviderConfig(): JsonObject {
    return this.discovery.serviceProviderConfig();
  }

  @Get('ResourceTypes')
  resourceTypes(): ScimListResponse {
    return this.discovery.resourceTypes();
  }

  @Get('ResourceTypes/:id')
  resourceType(@Param('id') id: string): JsonObject {
    return this.discovery.resourceType(id);
  }

  @Get('Schemas')
  schemas(): ScimListResponse {
    return this.discovery.schemas();
  }

  @Get('Schemas/:id')
  schema(@Param('id') id: string): JsonObject {
    return this.discovery.schemaById(id);
  }
}
