import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrgTreeNode, Region } from '@brevet/contracts';
import { CreateRegionDto, OrgTreeNodeDto, RegionDto, UpdateRegionDto } from '../regions/region.dto';
import { OrganisationService } from './organisation.service';
import type { Actor } from '../auth/actor';
import { Allow } from '../auth/allow.decorator';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission } from '@brevet/contracts';

@ApiTags('organisation')
@Controller({ version: '1' })
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get('regions')
  @Allow(Permission.OrgRead)
  @ApiOkResponse({ type: [RegionDto], description: 'Every region, by name.' })
  list(@CurrentActor() actor: Actor): Promise<Region[]> {
    return this.organisation.list(actor.scope);
  }

  @Post('regions')
  @Allow(Permission.OrgWrite)
  @ApiCreatedResponse({ type: RegionDto })
  create(@Body() body: CreateRegionDto): Promise<Region> {
    return this.organisation.create(body);
  }

  @Patch('regions/:id')
  @Allow(Permission.OrgWrite)
  @ApiOkResponse({ type: RegionDto, description: 'Rename or move a region (with everything under it).' })
  update(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() body: UpdateRegionDto,
  ): Promise<Region> {
    return this.organisation.update(id, body);
  }

  @Get('organisation/tree')
  @Allow(Permission.OrgRead)
  @ApiOkResponse({ type: [OrgTreeNodeDto], description: 'Regions, sub-regions and branches with counts.' })
  tree(@CurrentActor() actor: Actor): Promise<OrgTreeNode[]> {
    return this.organisation.tree(actor.scope);
  }
}
