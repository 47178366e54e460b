import { EXPORT_RETENTION_DAYS, type ExportFormat, type UiLanguage } from '@brevet/contracts';
import { formatDay } from '../reminders/reminder-templates';

export interface ReportMailInput {
  language: UiLanguage;
  name: string;
  reportTitle: string;
  format: ExportFormat;
  /** The slot's day in the subscription's zone. */
  day: string;
  /** How the file goes out: attached, or too large and linked. */
  delivery: { attached: true } | { attached: false; exportsUrl: string; sizeMb: string };
  manageUrl: string;
}

/** The email of one scheduled report, in the subscriber's language, in plain words. Pure. */
export function renderReportMail(input: ReportMailInput): { subject: string; text: string } {
  const day = formatDay(input.day, input.language);
  const format = input.format.toUpperCase();
  if (input.language === 'de') {
    const file = input.delivery.attached
      ? `Der Bericht ist als ${format}-Datei angehängt.`
      : `Der Bericht ist mit ${input.delivery.sizeMb} MB zu groß für eine E-Mail. Sie können ihn ${EXPORT_RETENTION_DAYS} Tage lang unter „Exporte“ herunterladen:\n${input.delivery.exportsUrl}`;
    return {
      subject: `Ihr geplanter Bericht: ${input.reportTitle} (${day})`,
      text: [
        `Hallo ${input.name},`,
        '',
        `hier ist Ihr Bericht „${input.reportTitle}“ vom ${day}. Er enthält genau die Daten, die Sie zu diesem Zeitpunkt sehen dürfen.`,
        '',
        file,
        '',
        `Sie erhalten diese E-Mail, weil Sie den Bericht abonniert haben. Abonnements pausieren oder löschen: ${input.manageUrl}`,
      ].join('\n'),
    };
  }
  const file = input.delivery.attached
    ? `The report is attached as a ${format} file.`
    : `At ${input.delivery.sizeMb} MB the report is too large for an email. You can download it from "Exports" for ${EXPORT_RETENTION_DAYS} days:\n${input.delivery.exportsUrl}`;
  return {
    subject: `Your scheduled report: ${input.reportTitle} (${day})`,
    text: [
      `Hello ${input.name},`,
      '',
      `here is your report "${input.reportTitle}" for ${day}. It holds exactly the records you are allowed to see at this time.`,
      '',
      file,
      '',
      `You receive this email because you subscribed to this report. Pause or delete subscriptions: ${input.manageUrl}`,
    ].join('\n'),
  };
}
