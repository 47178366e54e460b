import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_INFLATED_REQUEST_BYTES } from './saml-idp.util';

/** `GET /auth/demo-idp/sso`: the HTTP-Redirect binding's query (a signature, if any, is accepted and ignored). */
export class DemoIdpSsoQueryDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_INFLATED_REQUEST_BYTES)
  SAMLRequest!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  RelayState?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  SigAlg?: string;

  @IsOptional()
  @IsString()
  @MaxLength(4096)
  Signature?: string;
}

/** `POST /auth/demo-idp/sso`: the people picker's form. */
export class DemoIdpSsoFormDto {
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_INFLATED_REQUEST_BYTES)
  SAMLRequest!: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  RelayState?: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  person!: string;
}
