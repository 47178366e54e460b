import type { CertificateStatus, ComplianceStatus, ExportKind, UiLanguage } from '@brevet/contracts';

/** Every word an export file shows, in the export's language: headers, status words, the PDF report. */
export interface ExportText {
  /** File titles and the start of file names. */
  kinds: Record<ExportKind, { title: string; file: string }>;
  columns: {
    regionCode: string;
    region: string;
    branchCode: string;
    branch: string;
    credentialCode: string;
    credential: string;
    employeeNumber: string;
    familyName: string;
    givenName: string;
    status: string;
    dueOn: string;
    issuedOn: string;
    validUntil: string;
    daysLeft: string;
    exemptUntil: string;
    exemptionReason: string;
    required: string;
    compliant: string;
    expiring: string;
    expired: string;
    missingOverdue: string;
    missingInGrace: string;
    exempt: string;
    rate: string;
    version: string;
    issuer: string;
    recordStatus: string;
    revokedAt: string;
    revokeReason: string;
    sequence: string;
    occurredAt: string;
    actor: string;
    actorUserId: string;
    action: string;
    outcome: string;
    targetType: string;
    targetId: string;
    targetLabel: string;
    ip: string;
    userAgent: string;
    requestId: string;
    before: string;
    after: string;
    details: string;
    hash: string;
    month: string;
    courseCode: string;
    course: string;
    learnersStarted: string;
    learnersPassed: string;
    attempts: string;
    passedAttempts: string;
    failedAttempts: string;
    completionRate: string;
    passRate: string;
    day: string;
    startTime: string;
    endTime: string;
    location: string;
    instructor: string;
    sessionStatus: string;
    enrolment: string;
    attended: string;
    passed: string;
    certificateIssued: string;
  };
  /** Words in the attendance list's cells. */
  attendance: {
    session: Record<'scheduled' | 'completed' | 'cancelled', string>;
    enrolment: Record<'enrolled' | 'waitlisted', string>;
    yes: string;
    no: string;
  };
  complianceStatus: Record<ComplianceStatus, string>;
  certificateStatus: Record<CertificateStatus, string>;
  recordStatus: Record<'active' | 'revoked' | 'superseded', string>;
  report: {
    title: string;
    scopeAll: string;
    scopeBranches: (count: number) => string;
    region: string;
    branch: string;
    credential: string;
    asOf: string;
    requestedBy: string;
    figures: string;
    requirements: string;
    rateLabel: string;
    noRate: string;
    byBranch: string;
    byCredential: string;
    chartTitle: string;
    chartMore: (count: number) => string;
    nothing: string;
    page: (n: number, of: number) => string;
    rateNote: string;
  };
}

export const EXPORT_TEXT: Record<UiLanguage, ExportText> = {
  en: {
    kinds: {
      'compliance-matrix': { title: 'Compliance by branch and credential', file: 'compliance-matrix' },
      'compliance-people': { title: 'Compliance per person', file: 'compliance-people' },
      awards: { title: 'Awarded certificates', file: 'awards' },
      audit: { title: 'Audit log', file: 'audit-log' },
      'training-report': { title: 'Training report', file: 'training-report' },
      'training-attendance': { title: 'Training attendance', file: 'training-attendance' },
    },
    columns: {
      regionCode: 'Region code',
      region: 'Region',
      branchCode: 'Branch code',
      branch: 'Branch',
      credentialCode: 'Credential code',
      credential: 'Credential',
      employeeNumber: 'Employee number',
      familyName: 'Family name',
      givenName: 'Given name',
      status: 'Status',
      dueOn: 'Due by',
      issuedOn: 'Issued on',
      validUntil: 'Valid until',
      daysLeft: 'Days left',
      exemptUntil: 'Exempt until',
      exemptionReason: 'Exemption reason',
      required: 'Required',
      compliant: 'Compliant',
      expiring: 'Expiring',
      expired: 'Expired',
      missingOverdue: 'Missing (overdue)',
      missingInGrace: 'Missing (in grace)',
      exempt: 'Exempt',
      rate: 'Rate (%)',
      version: 'Version',
      issuer: 'Issued by',
      recordStatus: 'Record',
      revokedAt: 'Revoked at (UTC)',
      revokeReason: 'Reason for revoking',
      sequence: 'No.',
      occurredAt: 'Time (UTC)',
      actor: 'Who',
      actorUserId: 'User ID',
      action: 'Action',
      outcome: 'Outcome',
      targetType: 'Target type',
      targetId: 'Target ID',
      targetLabel: 'Target',
      ip: 'IP address',
      userAgent: 'User agent',
      requestId: 'Request ID',
      before: 'Before',
      after: 'After',
      details: 'Details',
      hash: 'Hash',
      month: 'Month',
      courseCode: 'Course code',
      course: 'Course',
      learnersStarted: 'Learners started',
      learnersPassed: 'Learners passed',
      attempts: 'Attempts',
      passedAttempts: 'Passed attempts',
      failedAttempts: 'Failed attempts',
      completionRate: 'Completion rate (%)',
      passRate: 'Pass rate (%)',
      day: 'Day',
      startTime: 'From',
      endTime: 'To',
      location: 'Place',
      instructor: 'Instructor',
      sessionStatus: 'Session',
      enrolment: 'Enrolment',
      attended: 'Attended',
      passed: 'Passed',
      certificateIssued: 'Certificate issued',
    },
    attendance: {
      session: { scheduled: 'Scheduled', completed: 'Completed', cancelled: 'Cancelled' },
      enrolment: { enrolled: 'Enrolled', waitlisted: 'Waiting list' },
      yes: 'Yes',
      no: 'No',
    },
    complianceStatus: {
      compliant: 'Compliant',
      expiring: 'Expiring',
      expired: 'Expired',
      missing_overdue: 'Missing (overdue)',
      missing_in_grace: 'Missing (in grace)',
      exempt: 'Exempt',
    },
    certificateStatus: {
      valid: 'Valid',
      expiring: 'Expiring',
      expired: 'Expired',
      not_yet_valid: 'Not yet valid',
      revoked: 'Revoked',
      superseded: 'Superseded',
    },
    recordStatus: { active: 'Active', revoked: 'Revoked', superseded: 'Superseded' },
    report: {
      title: 'Compliance report',
      scopeAll: 'All branches',
      scopeBranches: (count) => (count === 1 ? '1 branch' : `${count} branches`),
      region: 'Region',
      branch: 'Branch',
      credential: 'Credential',
      asOf: 'As of',
      requestedBy: 'Requested by',
      figures: 'Key figures',
      requirements: 'Requirements',
      rateLabel: 'Compliance rate',
      noRate: 'n/a',
      byBranch: 'By branch',
      byCredential: 'By credential',
      chartTitle: 'Compliance rate by branch, lowest first',
      chartMore: (count) => `… and ${count} more in the table below`,
      nothing: 'No requirements in view.',
      page: (n, of) => `Page ${n} of ${of}`,
      rateNote:
        'Rate = (compliant + expiring) ÷ (required − exempt − in grace). People in grace or exempt are not due yet.',
    },
  },
  de: {
    kinds: {
      'compliance-matrix': { title: 'Compliance nach Standort und Nachweis', file: 'compliance-matrix' },
      'compliance-people': { title: 'Compliance je Person', file: 'compliance-personen' },
      awards: { title: 'Ausgestellte Zertifikate', file: 'zertifikate' },
      audit: { title: 'Prüfprotokoll', file: 'pruefprotokoll' },
      'training-report': { title: 'Schulungsbericht', file: 'schulungsbericht' },
      'training-attendance': { title: 'Teilnahme an Schulungsterminen', file: 'schulungsteilnahme' },
    },
    columns: {
      regionCode: 'Regionscode',
      region: 'Region',
      branchCode: 'Standortcode',
      branch: 'Standort',
      credentialCode: 'Nachweiscode',
      credential: 'Nachweis',
      employeeNumber: 'Personalnummer',
      familyName: 'Nachname',
      givenName: 'Vorname',
      status: 'Status',
      dueOn: 'Fällig bis',
      issuedOn: 'Ausgestellt am',
      validUntil: 'Gültig bis',
      daysLeft: 'Verbleibende Tage',
      exemptUntil: 'Befreit bis',
      exemptionReason: 'Grund der Befreiung',
      required: 'Gefordert',
      compliant: 'Erfüllt',
      expiring: 'Läuft bald ab',
      expired: 'Abgelaufen',
      missingOverdue: 'Fehlt (überfällig)',
      missingInGrace: 'Fehlt (in Frist)',
      exempt: 'Befreit',
      rate: 'Quote (%)',
      version: 'Version',
      issuer: 'Ausgestellt von',
      recordStatus: 'Eintrag',
      revokedAt: 'Widerrufen am (UTC)',
      revokeReason: 'Grund des Widerrufs',
      sequence: 'Nr.',
      occurredAt: 'Zeitpunkt (UTC)',
      actor: 'Wer',
      actorUserId: 'Benutzer-ID',
      action: 'Aktion',
      outcome: 'Ergebnis',
      targetType: 'Objekttyp',
      targetId: 'Objekt-ID',
      targetLabel: 'Objekt',
      ip: 'IP-Adresse',
      userAgent: 'User-Agent',
      requestId: 'Anfrage-ID',
      before: 'Vorher',
      after: 'Nachher',
      details: 'Details',
      hash: 'Hash',
      month: 'Monat',
      courseCode: 'Kurscode',
      course: 'Kurs',
      learnersStarted: 'Teilnehmende begonnen',
      learnersPassed: 'Teilnehmende bestanden',
      attempts: 'Versuche',
      passedAttempts: 'Bestandene Versuche',
      failedAttempts: 'Nicht bestandene Versuche',
      completionRate: 'Abschlussquote (%)',
      passRate: 'Bestehensquote (%)',
      day: 'Tag',
      startTime: 'Von',
      endTime: 'Bis',
      location: 'Ort',
      instructor: 'Schulungsleitung',
      sessionStatus: 'Termin',
      enrolment: 'Anmeldung',
      attended: 'Teilgenommen',
      passed: 'Bestanden',
      certificateIssued: 'Zertifikat ausgestellt',
    },
    attendance: {
      session: { scheduled: 'Geplant', completed: 'Abgeschlossen', cancelled: 'Abgesagt' },
      enrolment: { enrolled: 'Angemeldet', waitlisted: 'Warteliste' },
      yes: 'Ja',
      no: 'Nein',
    },
    complianceStatus: {
      compliant: 'Erfüllt',
      expiring: 'Läuft bald ab',
      expired: 'Abgelaufen',
      missing_overdue: 'Fehlt (überfällig)',
      missing_in_grace: 'Fehlt (in Frist)',
      exempt: 'Befreit',
    },
    certificateStatus: {
      valid: 'Gültig',
      expiring: 'Läuft bald ab',
      expired: 'Abgelaufen',
      not_yet_valid: 'Noch nicht gültig',
      revoked: 'Widerrufen',
      superseded: 'Ersetzt',
    },
    recordStatus: { active: 'Aktiv', revoked: 'Widerrufen', superseded: 'Ersetzt' },
    report: {
      title: 'Compliance-Bericht',
      scopeAll: 'Alle Standorte',
      scopeBranches: (count) => (count === 1 ? '1 Standort' : `${count} Standorte`),
      region: 'Region',
      branch: 'Standort',
      credential: 'Nachweis',
      asOf: 'Stand',
      requestedBy: 'Angefordert von',
      figures: 'Kennzahlen',
      requirements: 'Anforderungen',
      rateLabel: 'Erfüllungsquote',
      noRate: 'k. A.',
      byBranch: 'Nach Standort',
      byCredential: 'Nach Nachweis',
      chartTitle: 'Erfüllungsquote nach Standort, niedrigste zuerst',
      chartMore: (count) => `… und ${count} weitere in der Tabelle unten`,
      nothing: 'Keine Anforderungen im Blick.',
      page: (n, of) => `Seite ${n} von ${of}`,
      rateNote:
        'Quote = (erfüllt + läuft bald ab) ÷ (gefordert − befreit − in Frist). Wer in Frist oder befreit ist, ist noch nicht fällig.',
    },
  },
};
