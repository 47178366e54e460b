import { Injectable } from '@nestjs/common';
import type { CredentialInput, LocalizedText } from '@brevet/contracts';
import type {
  CredentialViewer,
  PublicCredentialSource,
  RevokedIndexSource,
} from '../open-badges/open-badges.ports';
import { AwardRepository, type AwardCredentialRow } from './award.repository';

/** What Open Badges reads from awards: the revoked status-list bits, and one award as a credential. */
@Injectable()
export class AwardCredentialSource implements RevokedIndexSource, PublicCredentialSource {
  constructor(private readonly awards: AwardRepository) {}

  revokedIndices(): Promise<number[]> {
    return this.awards.revokedStatusListIndices();
  }

  async findForVerification(awardId: string, viewer: CredentialViewer): Promise<CredentialInput | null> {
    const row = await this.awards.findCredentialRow(awardId, viewer);
    return row && row.status_list_index !== null ? mapCredentialInput(row) : null;
  }
}

const PARTICIPATION: Record<string, string> = { on_site: 'onsite' };

/** The catalogue's codes in words, for the credential, the page and the PDF (in the recipient's language). */
const ASSESSMENT_LABELS: Record<string, LocalizedText> = {
  written_exam: { en: 'Written exam', de: 'Schriftliche Prüfung' },
  practical_exam: { en: 'Practical exam', de: 'Praktische Prüfung' },
  oral_exam: { en: 'Oral exam', de: 'Mündliche Prüfung' },
  online_test: { en: 'Online test', de: 'Online-Test' },
  observation: { en: 'Observation at work', de: 'Beobachtung am Arbeitsplatz' },
  portfolio: { en: 'Portfolio', de: 'Portfolio' },
  combined: { en: 'Combined assessment', de: 'Kombinierte Prüfung' },
  attendance_only: { en: 'Attendance only', de: 'Nur Teilnahme' },
};
const SUPERVISION_LABELS: Record<string, LocalizedText> = {
  unsupervised_no_identity_check: {
    en: 'Unsupervised, no identity check',
    de: 'Ohne Aufsicht, ohne Identitätsprüfung',
  },
  supervised_no_identity_check: {
    en: 'Supervised, no identity check',
    de: 'Mit Aufsicht, ohne Identitätsprüfung',
  },
  supervised_online_identity_check: {
    en: 'Supervised online, with identity check',
    de: 'Online beaufsichtigt, mit Identitätsprüfung',
  },
  supervised_on_site_identity_check: {
    en: 'Supervised on site, with identity check',
    de: 'Vor Ort beaufsichtigt, mit Identitätsprüfung',
  },
};

/** Catalogue and award data in the shape the credential builder, the PDF and the verification page take. */
export function mapCredentialInput(row: AwardCredentialRow): CredentialInput {
  const language = row.preferred_language;
  const words = (labels: Record<string, LocalizedText>, code: string) => labels[code]?.[language] ?? code;
  const outcomes = row.learning_outcomes;
  const learningOutcomes: LocalizedText[] = outcomes.en.map((en, i) => ({ en, de: outcomes.de[i] ?? en }));
  return {
    awardId: row.id,
    statusListIndex: row.status_list_index ?? 0,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    timeZone: row.timezone,
    status: row.status,
    recipient: {
      email: row.email,
      employeeNumber: row.employee_number,
      name: `${row.given_name} ${row.family_name}`,
      language: row.preferred_language,
    },
    achievement: {
      code: row.code,
      version: row.version,
      titles: row.title,
      descriptions: row.description,
      criteria: row.criteria,
      learningOutcomes,
      // A certificate that must be renewed is a certification; a one-off is a micro-credential.
      achievementType: row.validity_months === null ? 'MicroCredential' : 'Certification',
      creditsAvailable: row.ects,
      workloadHours: row.workload_hours,
      eqfLevel: row.eqf_level,
      escoSkillUris: row.esco_skill_uri ? [row.esco_skill_uri] : [],
      awardingBody: { name: row.awarding_body_name, country: row.awarding_body_country },
      assessmentType: words(ASSESSMENT_LABELS, row.assessment_type),
      participationForm: PARTICIPATION[row.participation_form] ?? row.participation_form,
      qualityAssurance: row.quality_assurance[language] || row.quality_assurance.en,
      prerequisites: row.prerequisites,
      supervision: row.supervision ? words(SUPERVISION_LABELS, row.supervision) : null,
      stackability: row.stackability?.description?.[language] ?? (row.stackability ? 'stackable' : null),
      inLanguage: row.preferred_language,
    },
    result:
      row.assessment_result?.grade || typeof row.assessment_result?.score === 'number'
        ? {
            grade: row.assessment_result.grade ?? null,
            score: row.assessment_result.score ?? null,
            passMark: row.assessment_result.passMark ?? null,
          }
        : null,
  };
}
