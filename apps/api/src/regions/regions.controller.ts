import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Region } from '@brevet/contracts';
import { RegionDto } from './region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller({ path: 'regions', version: '1' })
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @ApiOkResponse({ type: [RegionDto], description: 'Every region, by name.' })
  list(): Promise<Region[]> {
    return this.regions.list();
  }
}
