import { Injectable } from '@nestjs/common';
import type { Region } from '@brevet/contracts';
import { RegionRepository } from './region.repository';
import { mapRegion } from './region.mapper';

@Injectable()
export class RegionsService {
  constructor(private readonly regions: RegionRepository) {}

  async list(): Promise<Region[]> {
    return (await this.regions.findAll()).map(mapRegion);
  }
}
