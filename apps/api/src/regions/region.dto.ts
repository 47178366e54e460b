import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CreateRegionRequest, OrgTreeNode, Region, UpdateRegionRequest } from '@brevet/contracts';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

export class RegionDto implements Region {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'DE-NORTH' }) code!: string;
  @ApiProperty({ example: 'Germany North' }) name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ description: 'Active branches directly in this region.' }) branchCount!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) branchCountUpdatedAt!: string | null;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateRegionDto implements CreateRegionRequest {
  @ApiProperty({ example: 'DE-WEST' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toUpperCase() : value,
  )
  @Matches(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, { message: 'must be 2–32 letters, digits, _ or -' })
  code!: string;

  @ApiProperty({ example: 'Germany West' }) @Transform(trim) @IsString() @Length(1, 200) name!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be the ID of a region' })
  parentId?: string | null;
}

export class UpdateRegionDto implements UpdateRegionRequest {
  @ApiPropertyOptional() @IsOptional() @Transform(trim) @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID('all', { message: 'must be the ID of a region' })
  parentId?: string | null;
}

class OrgTreeBranchDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() country!: string;
  @ApiProperty() status!: string;
  @ApiProperty() staffCount!: number;
}

export class OrgTreeNodeDto implements OrgTreeNode {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Active branches here and in every sub-region.' }) branchCount!: number;
  @ApiProperty({ description: 'Staff (not left) here and in every sub-region.' }) staffCount!: number;
  @ApiProperty({ type: () => [OrgTreeNodeDto] }) children!: OrgTreeNodeDto[];
  @ApiProperty({ type: [OrgTreeBranchDto] }) branches!: OrgTreeBranchDto[];
}
