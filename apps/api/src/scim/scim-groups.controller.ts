import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  UseGuards,
  UseInterceptors,
  VERSION_NEUTRAL,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ScimBearerGuard } from './scim-bearer.guard';
import { readListQuery, readProjection, type ScimListResponse } from './scim-resource.mapper';
import { ScimResponseInterceptor } from './scim-response.interceptor';
import type { JsonObject } from './scim-schema';
import { ScimGroupsService } from './scim-groups.service';
import { Public } from '../auth/allow.decorator';

/** SCIM 2.0 Groups (RFC 7644 §3). Documented in docs/scim.md rather than in the OpenAPI document. */
@ApiExcludeController()
@UseGuards(ScimBearerGuard)
@UseInterceptors(ScimResponseInterceptor)
/** No session: ScimBearerGuard authenticates the identity provider by its SCIM token. */
@Public()
@Controller({ path: 'scim/v2/Groups', version: VERSION_NEUTRAL })
export class ScimGroupsController {
  constructor(private readonly groups: ScimGroupsService) {}

  @Get()
  list(@Query() query: Record<string, unknown>): Promise<ScimListResponse> {
    return this.groups.list(readListQuery(query));
  }

  @Get(':id')
  get(@Param('id') id: string, @Query() query: Record<string, unknown>): Promise<JsonObject> {
    return this.groups.get(id, readProjection(query));
  }

  @Post()
  create(@Body() body: unknown): Promise<JsonObject> {
    return this.groups.create(body);
  }

  @Put(':id')
  replace(@Param('id') id: string, @Body() body: unknown): Promise<JsonObject> {
    return this.groups.replace(id, body);
  }

  @Patch(':id')
  patch(@Param('id') id: string, @Body() body: unknown): Promise<JsonObject> {
    return this.groups.patch(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  delete(@Param('id') id: string): Promise<void> {
    return this.groups.delete(id);
  }
}
