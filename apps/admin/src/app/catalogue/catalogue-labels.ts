import {
  CREDENTIAL_CATEGORIES,
  type CredentialAssessmentType,
  type CredentialCategory,
  type CredentialDefinitionStatus,
  type CredentialParticipationForm,
  type CredentialVersionState,
  type ExpiryBasis,
  type LocalizedText,
  type SupervisionMode,
} from '@brevet/contracts';
import type { TranslationKey } from '../core/i18n';

/** The words for the catalogue's fixed vocabularies (EU elements, statuses), shared by list, page and editor. */

export const DEFINITION_STATUS_LOOK: Record<
  CredentialDefinitionStatus,
  { label: TranslationKey; tone: 'success' | 'info' | '' }
> = {
  draft: { label: 'catalogue.statuses.draft', tone: 'info' },
  published: { label: 'catalogue.statuses.published', tone: 'success' },
  archived: { label: 'catalogue.statuses.archived', tone: '' },
};

export const VERSION_STATE_LOOK: Record<
  CredentialVersionState,
  { label: TranslationKey; tone: 'success' | 'info' | '' }
> = {
  draft: { label: 'catalogue.versionStates.draft', tone: 'info' },
  current: { label: 'catalogue.versionStates.current', tone: 'success' },
  retired: { label: 'catalogue.versionStates.retired', tone: '' },
};

export const ASSESSMENT_LABELS: Record<CredentialAssessmentType, TranslationKey> = {
  written_exam: 'catalogue.assessment.written_exam',
  practical_exam: 'catalogue.assessment.practical_exam',
  oral_exam: 'catalogue.assessment.oral_exam',
  online_test: 'catalogue.assessment.online_test',
  observation: 'catalogue.assessment.observation',
  portfolio: 'catalogue.assessment.portfolio',
  combined: 'catalogue.assessment.combined',
  attendance_only: 'catalogue.assessment.attendance_only',
};

export const PARTICIPATION_LABELS: Record<CredentialParticipationForm, TranslationKey> = {
  online: 'catalogue.participation.online',
  on_site: 'catalogue.participation.on_site',
  blended: 'catalogue.participation.blended',
};

export const SUPERVISION_LABELS: Record<SupervisionMode, TranslationKey> = {
  unsupervised_no_identity_check: 'catalogue.supervision.unsupervised_no_identity_check',
  supervised_no_identity_check: 'catalogue.supervision.supervised_no_identity_check',
  supervised_online_identity_check: 'catalogue.supervision.supervised_online_identity_check',
  supervised_on_site_identity_check: 'catalogue.supervision.supervised_on_site_identity_check',
};

export const EXPIRY_BASIS_LABELS: Record<ExpiryBasis, TranslationKey> = {
  completion: 'catalogue.expiryBasis.completion',
  expiry: 'catalogue.expiryBasis.expiry',
  fixed: 'catalogue.expiryBasis.fixed',
};

/** A category's name as the contracts word it (both languages are there already). */
export function categoryNames(code: CredentialCategory): LocalizedText {
  return CREDENTIAL_CATEGORIES.find((c) => c.code === code)?.names ?? { en: code, de: code };
}
