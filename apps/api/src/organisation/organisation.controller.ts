import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { OrgTreeNode, Region } from '@brevet/contracts';
import { CreateRegionDto, OrgTreeNodeDto, RegionDto, UpdateRegionDto } from '../regions/region.dto';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@Controller({ version: '1' })
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get('regions')
  @ApiOkResponse({ type: [RegionDto], description: 'Every region, by name.' })
  list(): Promise<Region[]> {
    return this.organisation.list();
  }

  @Post('regions')
  @ApiCreatedResponse({ type: RegionDto })
  create(@Body() body: CreateRegionDto): Promise<Region> {
    return this.organisation.create(body);
  }

  @Patch('regions/:id')
  @ApiOkResponse({ type: RegionDto, description: 'Rename or move a region (with everything under it).' })
  update(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
    @Body() body: UpdateRegionDto,
  ): Promise<Region> {
    return this.organisation.update(id, body);
  }

  @Get('organisation/tree')
  @ApiOkResponse({ type: [OrgTreeNodeDto], description: 'Regions, sub-regions and branches with counts.' })
  tree(): Promise<OrgTreeNode[]> {
    return this.organisation.tree();
  }
}
