import { ApiProperty } from '@nestjs/swagger';
import type { PasswordLoginRequest } from '@brevet/contracts';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class PasswordLoginDto implements PasswordLoginRequest {
  @ApiProperty({ example: 'admin@nordwind.example' })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  password!: string;
}
