import { Module } from '@nestjs/common';
import { BranchesModule } from '../branches/branches.module';
import { RegionsModule } from '../regions/regions.module';
import { OrganisationController } from './organisation.controller';
import { OrganisationService } from './organisation.service';

/** The organisation tree: regions (nestable) and the branches under them. */
@Module({
  imports: [RegionsModule, BranchesModule],
  controllers: [OrganisationController],
  providers: [OrganisationService],
})
export class OrganisationModule {}
