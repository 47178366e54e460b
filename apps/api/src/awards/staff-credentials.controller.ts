import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { StaffCredentials } from '@brevet/contracts';
import { ProblemDto } from '../common/problem.dto';
import { StaffCredentialsDto } from './award.dto';
import { AwardsService } from './awards.service';

/** A person's certificates (employees will see their own once sign-in exists). */
@ApiTags('awards')
@Controller({ path: 'staff', version: '1' })
export class StaffCredentialsController {
  constructor(private readonly awards: AwardsService) {}

  @Get(':id/credentials')
  @ApiOkResponse({ type: StaffCredentialsDto, description: 'Per credential: effective status and history.' })
  @ApiNotFoundResponse({ type: ProblemDto, description: 'No person with that ID.' })
  credentials(
    @Param('id', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) id: string,
  ): Promise<StaffCredentials> {
    return this.awards.staffCredentials(id);
  }
}
