import { ApiProperty } from '@nestjs/swagger';
import type { FailedJobInfo, JobQueueSummary, JobsOverview, JobStateName } from '@brevet/contracts';

class JobCountsDto implements Record<JobStateName, number> {
  @ApiProperty() waiting!: number;
  @ApiProperty() active!: number;
  @ApiProperty() delayed!: number;
  @ApiProperty() failed!: number;
  @ApiProperty() completed!: number;
}

export class JobQueueSummaryDto implements JobQueueSummary {
  @ApiProperty({ example: 'mail' }) queue!: string;
  @ApiProperty({ type: JobCountsDto }) counts!: JobCountsDto;
}

export class FailedJobInfoDto implements FailedJobInfo {
  @ApiProperty({ example: 'export.3f0c…' }) id!: string;
  @ApiProperty({ example: 'exports' }) queue!: string;
  @ApiProperty({ example: 'export.run' }) name!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ description: 'The last error, email addresses masked.' }) error!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) failedAt!: string | null;
}

export class JobsOverviewDto implements JobsOverview {
  @ApiProperty({ enum: ['bullmq', 'in-process'] }) adapter!: 'bullmq' | 'in-process';
  @ApiProperty({ type: [JobQueueSummaryDto] }) queues!: JobQueueSummaryDto[];
  @ApiProperty() outboxBacklog!: number;
  @ApiProperty({ type: [FailedJobInfoDto] }) failed!: FailedJobInfoDto[];
}
