import type { CredentialInput, UiLanguage } from '@brevet/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import {
  CERTIFICATE_TEXT,
  countryName,
  euElementRows,
  formatDay,
} from '../open-badges/certificate-text.util';
import { localized } from '../open-badges/credential-builder.util';

/**
 * DejaVu Sans (Bitstream Vera licence, see fonts/LICENSE.txt): PDF's standard Helvetica only covers
 * WinAnsi, so ł, ą, ę, ś, ź, ż, ń, ć would be lost. The fonts sit next to this file in the sources and are
 * copied to `dist/apps/api/fonts` by the build (webpack.config.js `assets`).
 */
export function fontDirectory(): string {
  const candidates = [path.join(__dirname, 'fonts'), path.join(__dirname, 'certificates-pdf', 'fonts')];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'DejaVuSans.ttf')));
  if (!found) throw new Error(`certificate fonts not found in ${candidates.join(' or ')}`);
  return found;
}

let fontCache: { regular: Buffer; bold: Buffer } | undefined;
function fonts(): { regular: Buffer; bold: Buffer } {
  if (!fontCache) {
    const dir = fontDirectory();
    fontCache = {
      regular: fs.readFileSync(path.join(dir, 'DejaVuSans.ttf')),
      bold: fs.readFileSync(path.join(dir, 'DejaVuSans-Bold.ttf')),
    };
  }
  return fontCache;
}

export interface CertificatePdfOptions {
  input: CredentialInput;
  language: UiLanguage;
  issuerName: string;
  verifyUrl: string;
  /** Fixed creation date for reproducible output (tests); default now. */
  createdAt?: Date;
}

const INK = '#1b1f24';
const MUTED = '#4b5563';
const ACCENT = '#0a4f8a';

/**
 * An A4 landscape certificate: the person, the credential, the awarding body, the EU micro-credential
 * elements, issue and expiry dates in the language, the issuer, and a QR code with the verification URL.
 */
export async function renderCertificatePdf(options: CertificatePdfOptions): Promise<Buffer> {
  const { input, language, verifyUrl } = options;
  const t = CERTIFICATE_TEXT[language];
  const a = input.achievement;
  const title = localized(a.titles, language);
  const qr = await QRCode.toBuffer(verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 300,
  });
  const { regular, bold } = fonts();

  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 48,
    info: {
      Title: `${t.certificate}: ${title}`,
      Author: options.issuerName,
      Subject: `${input.recipient.name}, ${title}`,
      CreationDate: options.createdAt ?? new Date(),
    },
    lang: language,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('Regular', regular);
  doc.registerFont('Bold', bold);

  const { width, height } = doc.page;
  const left = 56;
  const contentWidth = width - 2 * left;
  doc
    .rect(20, 20, width - 40, height - 40)
    .lineWidth(2)
    .strokeColor(ACCENT)
    .stroke();

  doc.font('Bold').fontSize(30).fillColor(ACCENT).text(t.certificate.toUpperCase(), left, 52, {
    width: contentWidth,
    align: 'center',
  });
  doc
    .font('Regular')
    .fontSize(13)
    .fillColor(MUTED)
    .text(t.certifies, left, 100, { width: contentWidth, align: 'center' });
  doc
    .font('Bold')
    .fontSize(26)
    .fillColor(INK)
    .text(input.recipient.name, left, 122, { width: contentWidth, align: 'center' });
  doc
    .font('Regular')
    .fontSize(13)
    .fillColor(MUTED)
    .text(t.completed, left, 160, { width: contentWidth, align: 'center' });
  doc
    .font('Bold')
    .fontSize(20)
    .fillColor(INK)
    .text(title, left, 182, { width: contentWidth, align: 'center' });
  const bodyLine = `${t.awardingBody}: ${a.awardingBody.name} (${countryName(a.awardingBody.country, language)})`;
  doc
    .font('Regular')
    .fontSize(11)
    .fillColor(INK)
    .text(bodyLine, left, doc.y + 6, { width: contentWidth, align: 'center' });

  // EU elements table (left two thirds) and dates, issuer and QR code (right third).
  const tableTop = Math.max(doc.y + 18, 250);
  const tableWidth = contentWidth * 0.62;
  const labelWidth = 190;
  doc.font('Bold').fontSize(11).fillColor(ACCENT).text(t.euElements, left, tableTop, { width: tableWidth });
  let y = doc.y + 4;
  for (const [label, value] of euElementRows(input, language)) {
    doc
      .font('Bold')
      .fontSize(9.5)
      .fillColor(INK)
      .text(label, left, y, { width: labelWidth - 10 });
    const labelBottom = doc.y;
    doc
      .font('Regular')
      .fontSize(9.5)
      .fillColor(INK)
      .text(value, left + labelWidth, y, { width: tableWidth - labelWidth });
    y = Math.max(labelBottom, doc.y) + 3;
    doc
      .moveTo(left, y - 1.5)
      .lineTo(left + tableWidth, y - 1.5)
      .lineWidth(0.5)
      .strokeColor('#d1d5db')
      .stroke();
  }

  const rightX = left + tableWidth + 24;
  const rightWidth = contentWidth - tableWidth - 24;
  const dates: Array<[string, string]> = [
    [t.issuedOn, formatDay(input.issuedOn, language)],
    [t.validUntil, input.validUntil ? formatDay(input.validUntil, language) : t.noExpiry],
    [t.issuer, options.issuerName],
  ];
  let ry = tableTop;
  for (const [label, value] of dates) {
    doc.font('Regular').fontSize(9).fillColor(MUTED).text(label, rightX, ry, { width: rightWidth });
    doc.font('Bold').fontSize(11).fillColor(INK).text(value, rightX, doc.y, { width: rightWidth });
    ry = doc.y + 6;
  }
  const qrSize = 96;
  const qrY = Math.min(ry + 4, height - 48 - qrSize - 30);
  doc.image(qr, rightX, qrY, { width: qrSize, height: qrSize });
  doc
    .font('Regular')
    .fontSize(8)
    .fillColor(MUTED)
    .text(t.verifyAt, rightX, qrY + qrSize + 4, { width: rightWidth });
  // The URL on one line, so that it can be read (and extracted) as a whole.
  doc
    .font('Regular')
    .fontSize(7)
    .fillColor(ACCENT)
    .text(verifyUrl, rightX, doc.y, {
      width: width - rightX - 28,
      lineBreak: false,
      link: verifyUrl,
    });

  doc.end();
  return done;
}
