// Texts shown to people about a certificate (verification page, PDF), in every UI language, and the
// small formatting rules they share. Pure.
import type { CredentialInput, UiLanguage, VerificationStatus } from '@brevet/contracts';
import { localized } from './credential-builder.util';

export const CERTIFICATE_TEXT = {
  en: {
    pageTitle: 'Certificate verification',
    certificate: 'Certificate',
    certifies: 'This is to certify that',
    completed: 'has successfully earned the credential',
    awardingBody: 'Awarding body',
    issuer: 'Issuer',
    issuedOn: 'Issued on',
    validUntil: 'Valid until',
    noExpiry: 'No expiry',
    workload: 'Workload',
    hours: (n: number) => (n === 1 ? '1 hour' : `${n} hours`),
    ects: 'ECTS credits',
    eqf: 'EQF level',
    assessment: 'Assessment',
    participation: 'Participation',
    qualityAssurance: 'Quality assurance',
    prerequisites: 'Prerequisites',
    supervision: 'Supervision and identity check',
    stackability: 'Stackability',
    grade: 'Grade',
    language: 'Language',
    learningOutcomes: 'Learning outcomes',
    euElements: 'EU micro-credential elements',
    verifyAt: 'Verify this certificate at',
    status: {
      valid: 'Valid',
      expired: 'Expired',
      not_yet_valid: 'Not yet valid',
      revoked: 'Revoked',
      invalid: 'Cannot be verified',
    } satisfies Record<VerificationStatus, string>,
    statusExplained: {
      valid:
        'The signature is genuine, the certificate is within its validity period and has not been revoked.',
      expired: 'The signature is genuine, but the certificate is past its validity period.',
      not_yet_valid: 'The signature is genuine, but the certificate is not valid yet.',
      revoked: 'The issuer has revoked this certificate. It is no longer valid.',
      invalid: 'This certificate could not be verified. Do not rely on it.',
    } satisfies Record<VerificationStatus, string>,
    notFound: 'There is no certificate with this address.',
    notFoundTitle: 'Certificate not found',
    json: 'Verification result as JSON',
    checkedAt: 'Checked at',
    codes: {
      online: 'online',
      onsite: 'on site',
      blended: 'blended',
      written: 'written exam',
      oral: 'oral exam',
      practical: 'practical test',
      mixed: 'mixed',
      none: 'none',
    } as Record<string, string>,
  },
  de: {
    pageTitle: 'Zertifikatsprüfung',
    certificate: 'Zertifikat',
    certifies: 'Hiermit wird bescheinigt, dass',
    completed: 'den folgenden Nachweis erfolgreich erworben hat',
    awardingBody: 'Vergebende Stelle',
    issuer: 'Aussteller',
    issuedOn: 'Ausgestellt am',
    validUntil: 'Gültig bis',
    noExpiry: 'Unbefristet',
    workload: 'Arbeitsaufwand',
    hours: (n: number) => (n === 1 ? '1 Stunde' : `${n.toLocaleString('de-DE')} Stunden`),
    ects: 'ECTS-Punkte',
    eqf: 'EQR-Niveau',
    assessment: 'Prüfung',
    participation: 'Teilnahmeform',
    qualityAssurance: 'Qualitätssicherung',
    prerequisites: 'Voraussetzungen',
    supervision: 'Aufsicht und Identitätsprüfung',
    stackability: 'Kombinierbarkeit',
    grade: 'Note',
    language: 'Sprache',
    learningOutcomes: 'Lernergebnisse',
    euElements: 'Angaben nach EU-Microcredential-Empfehlung',
    verifyAt: 'Dieses Zertifikat prüfen unter',
    status: {
      valid: 'Gültig',
      expired: 'Abgelaufen',
      not_yet_valid: 'Noch nicht gültig',
      revoked: 'Widerrufen',
      invalid: 'Nicht prüfbar',
    } satisfies Record<VerificationStatus, string>,
    statusExplained: {
      valid: 'Die Signatur ist echt, das Zertifikat ist im Gültigkeitszeitraum und wurde nicht widerrufen.',
      expired: 'Die Signatur ist echt, aber der Gültigkeitszeitraum des Zertifikats ist abgelaufen.',
      not_yet_valid: 'Die Signatur ist echt, aber das Zertifikat ist noch nicht gültig.',
      revoked: 'Der Aussteller hat dieses Zertifikat widerrufen. Es ist nicht mehr gültig.',
      invalid: 'Dieses Zertifikat konnte nicht geprüft werden. Verlassen Sie sich nicht darauf.',
    } satisfies Record<VerificationStatus, string>,
    notFound: 'Unter dieser Adresse gibt es kein Zertifikat.',
    notFoundTitle: 'Zertifikat nicht gefunden',
    json: 'Prüfergebnis als JSON',
    checkedAt: 'Geprüft am',
    codes: {
      online: 'online',
      onsite: 'vor Ort',
      blended: 'gemischt (online und vor Ort)',
      written: 'schriftliche Prüfung',
      oral: 'mündliche Prüfung',
      practical: 'praktische Prüfung',
      mixed: 'gemischt',
      none: 'keine',
    } as Record<string, string>,
  },
} as const;

export type CertificateText = (typeof CERTIFICATE_TEXT)[UiLanguage];

/** The UI language a request prefers (`Accept-Language` with q-values); English unless German wins. */
export function languageFromAcceptLanguage(header: string | undefined): UiLanguage {
  const ranked = (header ?? '')
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: (tag ?? '').trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.tag !== '' && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const r of ranked) {
    if (r.tag === 'de' || r.tag.startsWith('de-')) return 'de';
    if (r.tag === 'en' || r.tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** A calendar day in the language's long form: "31 March 2027" / "31. März 2027". */
export function formatDay(day: string, language: UiLanguage): string {
  return new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${day}T12:00:00Z`));
}

function formatNumber(n: number, language: UiLanguage): string {
  return new Intl.NumberFormat(language === 'de' ? 'de-DE' : 'en-GB', { maximumFractionDigits: 2 }).format(n);
}

/** A known code (`onsite`, `practical`…) in words, or the text as it was entered. */
export function describeCode(value: string, language: UiLanguage): string {
  return CERTIFICATE_TEXT[language].codes[value] ?? value;
}

const COUNTRY_NAMES = (language: UiLanguage) =>
  new Intl.DisplayNames([language === 'de' ? 'de' : 'en'], { type: 'region' });

export function countryName(code: string, language: UiLanguage): string {
  try {
    return COUNTRY_NAMES(language).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code: string, language: UiLanguage): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The EU micro-credential elements as label/value rows, in display order; absent ones are left out. */
export function euElementRows(input: CredentialInput, language: UiLanguage): Array<[string, string]> {
  const t = CERTIFICATE_TEXT[language];
  const a = input.achievement;
  const rows: Array<[string, string | null]> = [
    [t.workload, a.workloadHours !== null ? t.hours(a.workloadHours) : null],
    [t.ects, a.creditsAvailable !== null ? formatNumber(a.creditsAvailable, language) : null],
    [t.eqf, a.eqfLevel !== null ? String(a.eqfLevel) : null],
    [t.assessment, a.assessmentType ? describeCode(a.assessmentType, language) : null],
    [t.participation, a.participationForm ? describeCode(a.participationForm, language) : null],
    [t.qualityAssurance, a.qualityAssurance || null],
    [t.prerequisites, localized(a.prerequisites, language) || null],
    [t.supervision, a.supervision ?? null],
    [t.stackability, a.stackability ?? null],
    [t.language, languageName(a.inLanguage, language)],
    [t.grade, input.result?.grade ?? null],
  ];
  return rows.filter((r): r is [string, string] => r[1] !== null && r[1] !== '');
}

/**
 * LinkedIn's "Add to profile" link for a certification (the documented `startTask=CERTIFICATION_NAME`
 * form). Months are 1–12; the expiry is left out for certificates that never expire.
 */
export function linkedInAddToProfileUrl(options: {
  name: string;
  organizationName: string;
  issuedOn: string;
  validUntil: string | null;
  certUrl: string;
  certId: string;
}): string {
  const [issueYear, issueMonth] = options.issuedOn.split('-').map(Number);
  const params = new URLSearchParams({
    startTask: 'CERTIFICATION_NAME',
    name: options.name,
    organizationName: options.organizationName,
    issueYear: String(issueYear),
    issueMonth: String(issueMonth),
  });
  if (options.validUntil) {
    const [expirationYear, expirationMonth] = options.validUntil.split('-').map(Number);
    params.set('expirationYear', String(expirationYear));
    params.set('expirationMonth', String(expirationMonth));
  }
  params.set('certUrl', options.certUrl);
  params.set('certId', options.certId);
  return `https://www.linkedin.com/profile/add?${params.toString()}`;
}
