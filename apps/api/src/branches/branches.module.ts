import { Module } from '@nestjs/common';
import { RegionsModule } from '../regions/regions.module';
import { BranchRepository } from './branch.repository';
import { BranchesController } from './branches.controller';
import { BranchesService } from './branches.service';

@Module({
  imports: [RegionsModule],
  controllers: [BranchesController],
  providers: [BranchRepository, BranchesService],
  exports: [BranchRepository],
})
export class BranchesModule {}
