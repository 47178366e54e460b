import { ApiProperty } from '@nestjs/swagger';
import type { Region } from '@brevet/contracts';

export class RegionDto implements Region {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-NORTH' }) code!: string;
  @ApiProperty({ example: 'Germany North' }) name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'Active branches directly in this region.' }) branchCount!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) branchCountUpdatedAt!: string | null;
}
