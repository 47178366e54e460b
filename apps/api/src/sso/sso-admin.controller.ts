import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  Permission,
  type IdentityProvider,
  type IdentityProviderSummary,
  type LastAssertion,
  type ParsedIdpMetadata,
} from '@brevet/contracts';
import type { Request } from 'express';
import { Allow } from '../auth/allow.decorator';
import { ProblemDto } from '../common/problem.dto';
import { IdentityProvidersService } from './identity-providers.service';
import { readMetadataUpload } from './metadata-upload';
import {
  AddSigningCertificateDto,
  CreateIdentityProviderDto,
  MetadataSourceDto,
  UpdateIdentityProviderDto,
} from './sso-admin.dto';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

/** SAML identity providers (docs/sso/README.md): HR admins with `sso.manage`. */
@ApiTags('sso')
@ApiNotFoundResponse({ type: ProblemDto, description: 'No identity provider with that ID.' })
@Allow(Permission.SsoManage)
@Controller({ path: 'sso/identity-providers', version: '1' })
export class SsoAdminController {
  constructor(private readonly providers: IdentityProvidersService) {}

  @Get()
  @ApiOkResponse({ description: 'Every identity provider, by display name.' })
  list(): Promise<IdentityProviderSummary[]> {
    return this.providers.list();
  }

  @Post('metadata-preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reads metadata (XML or URL) and shows what Brevet would take from it; saves nothing.',
  })
  @ApiOkResponse({ description: 'Entity ID, endpoints, certificates and warnings.' })
  previewMetadata(@Body() body: MetadataSourceDto): Promise<ParsedIdpMetadata> {
    return this.providers.previewMetadata(body);
  }

  @Post()
  @ApiOperation({
    summary: 'Adds an identity provider from its metadata XML or metadata URL, with new SP keys.',
  })
  @ApiCreatedResponse({ description: 'Added, switched off unless `enabled` was true.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'The slug is taken.' })
  create(@Body() body: CreateIdentityProviderDto): Promise<IdentityProvider> {
    return this.providers.create(body);
  }

  @Post('upload')
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['slug', 'displayName', 'file'],
      properties: {
        slug: { type: 'string' },
        displayName: { type: 'string' },
        enabled: { type: 'boolean' },
        file: { type: 'string', format: 'binary' },
      },
    },
  })
  @ApiOperation({ summary: 'Adds an identity provider from an uploaded metadata file.' })
  @ApiCreatedResponse({ description: 'Added.' })
  async upload(@Req() req: Request): Promise<IdentityProvider> {
    return this.providers.createFromUpload(await readMetadataUpload(req));
  }

  @Get(':id')
  @ApiOkResponse({ description: "Settings, mapping, rules, certificates, Brevet's URLs and keys." })
  get(@Param('id', uuid) id: string): Promise<IdentityProvider> {
    return this.providers.get(id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Changes settings, mapping or group rules (optimistic: send the version you loaded).',
  })
  @ApiOkResponse({ description: 'The identity provider after the change.' })
  @ApiConflictResponse({ type: ProblemDto, description: 'Changed by someone else meanwhile.' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateIdentityProviderDto): Promise<IdentityProvider> {
    return this.providers.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Deletes the identity provider and the accounts that signed in through it.' })
  @ApiNoContentResponse({ description: 'Deleted; their sessions have ended.' })
  delete(@Param('id', uuid) id: string): Promise<void> {
    return this.providers.delete(id);
  }

  @Post(':id/signing-certificates')
  @ApiOperation({
    summary: 'Adds a signing certificate of the identity provider (rollover: add, switch, remove).',
  })
  @ApiCreatedResponse({ description: 'The identity provider with the certificate added.' })
  addCertificate(
    @Param('id', uuid) id: string,
    @Body() body: AddSigningCertificateDto,
  ): Promise<IdentityProvider> {
    return this.providers.addSigningCertificate(id, body.pem);
  }

  @Delete(':id/signing-certificates/:fingerprint')
  @ApiOperation({ summary: 'Removes a signing certificate by its SHA-256 fingerprint; the last one stays.' })
  @ApiOkResponse({ description: 'The identity provider with the certificate removed.' })
  removeCertificate(
    @Param('id', uuid) id: string,
    @Param('fingerprint') fingerprint: string,
  ): Promise<IdentityProvider> {
    return this.providers.removeSigningCertificate(id, fingerprint);
  }

  @Post(':id/sp-keys/next')
  @ApiOperation({ summary: "Rotation step 1: generates Brevet's next signing and encryption keys." })
  @ApiCreatedResponse({ description: 'The metadata now lists both key sets.' })
  generateNextKeys(@Param('id', uuid) id: string): Promise<IdentityProvider> {
    return this.providers.generateNextKeys(id);
  }

  @Post(':id/sp-keys/promote')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rotation step 2: the next keys become current; the old ones still decrypt.' })
  @ApiOkResponse({ description: 'Promoted.' })
  promoteKeys(@Param('id', uuid) id: string): Promise<IdentityProvider> {
    return this.providers.promoteNextKeys(id);
  }

  @Delete(':id/sp-keys/previous')
  @ApiOperation({ summary: 'Rotation step 3: removes the old keys.' })
  @ApiOkResponse({ description: 'Removed.' })
  dropPreviousKeys(@Param('id', uuid) id: string): Promise<IdentityProvider> {
    return this.providers.dropPreviousKeys(id);
  }

  @Get(':id/last-assertion')
  @ApiOkResponse({ description: 'The latest sign-in attempt: NameID, every attribute as received, outcome.' })
  lastAssertion(@Param('id', uuid) id: string): Promise<LastAssertion> {
    return this.providers.lastAssertion(id);
  }
}
