import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FieldError, ProblemDetails } from '@brevet/contracts';

export class FieldErrorDto implements FieldError {
  @ApiProperty({ example: 'timezone' }) field!: string;
  @ApiProperty({ example: 'must be an IANA time zone such as Europe/Berlin' }) message!: string;
}

export class ProblemDto implements ProblemDetails {
  @ApiProperty({ example: 'urn:brevet:problem:validation_failed' }) type!: string;
  @ApiProperty({ example: 'The request is not valid' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'validation_failed' }) code!: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}
