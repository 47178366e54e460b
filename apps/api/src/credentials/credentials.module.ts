import { Module } from '@nestjs/common';
import { CredentialRepository } from './credential.repository';
import { CredentialsController } from './credentials.controller';
import { CredentialsService } from './credentials.service';

@Module({
  controllers: [CredentialsController],
  providers: [CredentialRepository, CredentialsService],
  exports: [CredentialRepository],
})
export class CredentialsModule {}
