import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Permission, type JobsOverview } from '@brevet/contracts';
import { Allow } from '../auth/allow.decorator';
import { ProblemDto } from '../common/problem.dto';
import { JobsOverviewDto } from './jobs.dto';
import { JobsAdminService } from './jobs-admin.service';

/** The jobs page for HR admins: queue counts, outbox backlog, failed jobs; retry or remove a failed job. */
@ApiTags('jobs')
@Controller({ path: 'jobs', version: '1' })
export class JobsController {
  constructor(private readonly jobs: JobsAdminService) {}

  @Get()
  @Allow(Permission.JobsManage)
  @ApiOkResponse({ type: JobsOverviewDto })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'Redis is not reachable.' })
  overview(): Promise<JobsOverview> {
    return this.jobs.overview();
  }

  @Post(':queue/:id/retry')
  @HttpCode(204)
  @Allow(Permission.JobsManage)
  @ApiNoContentResponse({ description: 'The job waits again, with fresh attempts.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'Redis is not reachable.' })
  retry(@Param('queue') queue: string, @Param('id') id: string): Promise<void> {
    return this.jobs.retry(queue, id);
  }

  @Delete(':queue/:id')
  @HttpCode(204)
  @Allow(Permission.JobsManage)
  @ApiNoContentResponse({ description: 'The failed job is gone.' })
  @ApiNotFoundResponse({ type: ProblemDto })
  @ApiServiceUnavailableResponse({ type: ProblemDto, description: 'Redis is not reachable.' })
  remove(@Param('queue') queue: string, @Param('id') id: string): Promise<void> {
    return this.jobs.remove(queue, id);
  }
}
