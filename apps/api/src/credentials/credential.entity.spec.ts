import {
  CREDENTIAL_ASSESSMENT_TYPES,
  CREDENTIAL_PARTICIPATION_FORMS,
  EXPIRY_BASES,
  SUPERVISION_MODES,
} from '@brevet/contracts';
import { getMetadataArgsStorage } from 'typeorm';
import { CredentialVersionEntity } from './credential.entity';

/** The entity's CHECK constraints repeat the contract lists (entities import contracts as types only). */
describe('credential version checks', () => {
  const check = (name: string) =>
    getMetadataArgsStorage().checks.find((c) => c.target === CredentialVersionEntity && c.name === name)
      ?.expression ?? '';
  const listed = (expression: string) => [...expression.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]);

  it.each([
    ['ck_credential_version_assessment', CREDENTIAL_ASSESSMENT_TYPES],
    ['ck_credential_version_participation', CREDENTIAL_PARTICIPATION_FORMS],
    ['ck_credential_version_supervision', SUPERVISION_MODES],
    ['ck_credential_version_expiry_basis', EXPIRY_BASES],
  ])('%s allows exactly the contract values', (name, values) => {
    expect(listed(check(name))).toEqual([...values]);
  });
});
