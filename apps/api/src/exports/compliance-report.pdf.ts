import type { ComplianceCounts, UiLanguage } from '@brevet/contracts';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { fontDirectory } from '../certificates-pdf/certificate-pdf';
import { EXPORT_TEXT } from './export-text';

/** One row of the report's tables: a branch or a credential with its counts. */
export interface ReportLine {
  code: string;
  name: string;
  counts: ComplianceCounts;
}

export interface ComplianceReportInput {
  language: UiLanguage;
  /** The company (the Open Badges issuer name). */
  companyName: string;
  requestedBy: string;
  asOf: Date;
  /** What the report covers: everything in the requester's scope, or one region or branch of it. */
  area: { kind: 'all' | 'region' | 'branch'; name: string | null };
  totals: ComplianceCounts;
  branches: readonly ReportLine[];
  credentials: readonly ReportLine[];
}

const INK = '#1b1f24';
const MUTED = '#4b5563';
const ACCENT = '#0a4f8a';
const RULE = '#d1d5db';
const STATUS_COLOURS = {
  compliant: '#2e7d32',
  expiring: '#f9a825',
  expired: '#c62828',
  missingOverdue: '#8e2424',
  missingInGrace: '#90a4ae',
  exempt: '#cfd8dc',
} as const;
const MARGIN = 40;
const CHART_BARS = 15;

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

/** Colour of a rate: green from 95 %, amber from 80 %, red below. */
export function rateColour(rate: number | null): string {
  if (rate === null) return STATUS_COLOURS.missingInGrace;
  if (rate >= 0.95) return STATUS_COLOURS.compliant;
  if (rate >= 0.8) return STATUS_COLOURS.expiring;
  return STATUS_COLOURS.expired;
}

/**
 * The compliance summary report, A4 landscape: who and what it covers, the key figures, a bar chart of the
 * status mix and of the rate per branch (lowest first), and tables by branch and by credential, with page
 * numbers. DejaVu Sans (embedded) so that every letter of the branch and person names prints. Returns the
 * PDF as a stream.
 */
export function renderComplianceReport(input: ComplianceReportInput): Readable {
  const t = EXPORT_TEXT[input.language].report;
  const c = EXPORT_TEXT[input.language].columns;
  const number = new Intl.NumberFormat(input.language);
  const percent = new Intl.NumberFormat(input.language, { style: 'percent', maximumFractionDigits: 1 });
  const rateText = (rate: number | null) => (rate === null ? t.noRate : percent.format(rate));
  const dateTime = new Intl.DateTimeFormat(input.language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const areaLabel =
    input.area.kind === 'all'
      ? `${t.scopeAll} (${t.scopeBranches(input.branches.length)})`
      : `${input.area.kind === 'region' ? t.region : t.branch}: ${input.area.name ?? '—'}`;

  const { regular, bold } = fonts();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: `${t.title}: ${input.companyName}`,
      Author: input.companyName,
      Subject: areaLabel,
      CreationDate: input.asOf,
    },
    lang: input.language,
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  doc.registerFont('Regular', regular);
  doc.registerFont('Bold', bold);
  const width = doc.page.width - 2 * MARGIN;
  const bottom = () => doc.page.height - MARGIN - 24;

  // Heading: company, area, instant, requester.
  doc.font('Bold').fontSize(20).fillColor(ACCENT).text(t.title, MARGIN, MARGIN, { width });
  doc.font('Bold').fontSize(13).fillColor(INK).text(input.companyName, { width });
  doc.font('Regular').fontSize(10).fillColor(MUTED);
  doc.text(areaLabel, { width });
  doc.text(`${t.asOf}: ${dateTime.format(input.asOf)} UTC · ${t.requestedBy}: ${input.requestedBy}`, {
    width,
  });
  doc.moveDown(0.8);

  // Key figures as tiles.
  doc.font('Bold').fontSize(12).fillColor(INK).text(t.figures, MARGIN, doc.y, { width });
  const tiles: Array<[string, string, string]> = [
    [t.rateLabel, rateText(input.totals.rate), rateColour(input.totals.rate)],
    [t.requirements, number.format(input.totals.total), ACCENT],
    [c.compliant, number.format(input.totals.compliant), STATUS_COLOURS.compliant],
    [c.expiring, number.format(input.totals.expiring), STATUS_COLOURS.expiring],
    [c.expired, number.format(input.totals.expired), STATUS_COLOURS.expired],
    [c.missingOverdue, number.format(input.totals.missingOverdue), STATUS_COLOURS.missingOverdue],
    [c.missingInGrace, number.format(input.totals.missingInGrace), MUTED],
    [c.exempt, number.format(input.totals.exempt), MUTED],
  ];
  const tileGap = 8;
  const tileWidth = (width - tileGap * (tiles.length - 1)) / tiles.length;
  const tileTop = doc.y + 4;
  tiles.forEach(([label, value, colour], i) => {
    const x = MARGIN + i * (tileWidth + tileGap);
    doc.rect(x, tileTop, tileWidth, 46).lineWidth(0.8).strokeColor(RULE).stroke();
    doc.rect(x, tileTop, 3, 46).fillColor(colour).fill();
    doc
      .font('Regular')
      .fontSize(7.5)
      .fillColor(MUTED)
      .text(label, x + 8, tileTop + 6, { width: tileWidth - 12 });
    doc
      .font('Bold')
      .fontSize(15)
      .fillColor(INK)
      .text(value, x + 8, tileTop + 22, { width: tileWidth - 12 });
  });
  doc.y = tileTop + 56;

  // The status mix as one stacked bar.
  const mix: Array<[keyof typeof STATUS_COLOURS, string, number]> = [
    ['compliant', c.compliant, input.totals.compliant],
    ['expiring', c.expiring, input.totals.expiring],
    ['expired', c.expired, input.totals.expired],
    ['missingOverdue', c.missingOverdue, input.totals.missingOverdue],
    ['missingInGrace', c.missingInGrace, input.totals.missingInGrace],
    ['exempt', c.exempt, input.totals.exempt],
  ];
  if (input.totals.total > 0) {
    const barTop = doc.y;
    let x = MARGIN;
    for (const [key, , count] of mix) {
      const w = (count / input.totals.total) * width;
      if (w > 0) doc.rect(x, barTop, w, 12).fillColor(STATUS_COLOURS[key]).fill();
      x += w;
    }
    let lx = MARGIN;
    const legendTop = barTop + 17;
    doc.font('Regular').fontSize(7.5);
    for (const [key, label, count] of mix) {
      const text = `${label} ${number.format(count)}`;
      doc
        .rect(lx, legendTop + 1, 7, 7)
        .fillColor(STATUS_COLOURS[key])
        .fill();
      doc.fillColor(INK).text(text, lx + 10, legendTop, { lineBreak: false });
      lx += 10 + doc.widthOfString(text) + 14;
    }
    doc.y = legendTop + 18;
  } else {
    doc.font('Regular').fontSize(10).fillColor(MUTED).text(t.nothing, MARGIN, doc.y, { width });
  }

  // The chart: rate per branch, lowest first.
  const ranked = [...input.branches]
    .filter((b) => b.counts.rate !== null)
    .sort((a, b) => (a.counts.rate ?? 0) - (b.counts.rate ?? 0) || a.code.localeCompare(b.code));
  if (ranked.length > 1) {
    const shown = ranked.slice(0, CHART_BARS);
    const rowHeight = 13;
    if (doc.y + 30 + shown.length * rowHeight > bottom()) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Bold').fontSize(12).fillColor(INK).text(t.chartTitle, MARGIN, doc.y, { width });
    const labelWidth = 190;
    const barWidth = width - labelWidth - 60;
    let y = doc.y + 4;
    for (const line of shown) {
      const rate = line.counts.rate ?? 0;
      doc
        .font('Regular')
        .fontSize(8)
        .fillColor(INK)
        .text(`${line.code} ${line.name}`, MARGIN, y + 2, {
          width: labelWidth - 8,
          lineBreak: false,
          ellipsis: true,
        });
      doc
        .rect(MARGIN + labelWidth, y + 1, barWidth, 9)
        .fillColor('#eef1f4')
        .fill();
      doc
        .rect(MARGIN + labelWidth, y + 1, Math.max(0.5, barWidth * rate), 9)
        .fillColor(rateColour(rate))
        .fill();
      doc
        .font('Bold')
        .fontSize(8)
        .fillColor(INK)
        .text(rateText(rate), MARGIN + labelWidth + barWidth + 6, y + 2, { width: 50, lineBreak: false });
      y += rowHeight;
    }
    if (ranked.length > shown.length) {
      doc
        .font('Regular')
        .fontSize(8)
        .fillColor(MUTED)
        .text(t.chartMore(ranked.length - shown.length), MARGIN, y + 2);
      y += 12;
    }
    doc.y = y + 6;
  }

  // The tables.
  const counts = (n: ComplianceCounts) => [
    number.format(n.total),
    number.format(n.compliant),
    number.format(n.expiring),
    number.format(n.expired),
    number.format(n.missingOverdue),
    number.format(n.missingInGrace),
    number.format(n.exempt),
    rateText(n.rate),
  ];
  const countHeaders = [
    c.required,
    c.compliant,
    c.expiring,
    c.expired,
    c.missingOverdue,
    c.missingInGrace,
    c.exempt,
    c.rate.replace(/\s*\(%\)$/, ''),
  ];
  const table = (title: string, codeHeader: string, nameHeader: string, lines: readonly ReportLine[]) => {
    if (lines.length === 0) return;
    const widths = [70, 190, ...countHeaders.map(() => (width - 260) / countHeaders.length)];
    const header = [codeHeader, nameHeader, ...countHeaders];
    const drawRow = (cells: string[], y: number, isHeader: boolean): number => {
      let x = MARGIN;
      doc
        .font(isHeader ? 'Bold' : 'Regular')
        .fontSize(isHeader ? 7.5 : 8)
        .fillColor(INK);
      let h = 0;
      cells.forEach((text, i) => {
        const align = i < 2 ? 'left' : 'right';
        const opts = { width: widths[i] - 6, align, lineBreak: isHeader, ellipsis: !isHeader } as const;
        doc.text(text, x + 3, y + 3, opts);
        h = Math.max(h, doc.heightOfString(text, opts));
        x += widths[i];
      });
      const rowHeight = Math.max(14, h + 6);
      doc
        .moveTo(MARGIN, y + rowHeight)
        .lineTo(MARGIN + width, y + rowHeight)
        .lineWidth(isHeader ? 0.9 : 0.4)
        .strokeColor(isHeader ? INK : RULE)
        .stroke();
      return y + rowHeight;
    };
    if (doc.y + 110 > bottom()) doc.addPage();
    doc.moveDown(0.6);
    doc.font('Bold').fontSize(12).fillColor(INK).text(title, MARGIN, doc.y, { width });
    let y = drawRow(header, doc.y + 2, true);
    for (const line of lines) {
      if (y + 16 > bottom()) {
        doc.addPage();
        y = drawRow(header, MARGIN, true);
      }
      y = drawRow([line.code, line.name, ...counts(line.counts)], y, false);
    }
    doc.y = y + 4;
  };
  table(t.byBranch, c.branchCode, c.branch, input.branches);
  table(t.byCredential, c.credentialCode, c.credential, input.credentials);

  if (doc.y + 20 > bottom()) doc.addPage();
  doc
    .font('Regular')
    .fontSize(7.5)
    .fillColor(MUTED)
    .text(t.rateNote, MARGIN, doc.y + 6, { width });

  // Page numbers and the company in the footer of every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - MARGIN - 10;
    doc.font('Regular').fontSize(7.5).fillColor(MUTED);
    doc.text(`${input.companyName} · ${t.title}`, MARGIN, y, { width: width / 2, lineBreak: false });
    doc.text(t.page(i - range.start + 1, range.count), MARGIN + width / 2, y, {
      width: width / 2,
      align: 'right',
      lineBreak: false,
    });
  }
  doc.end();
  return doc;
}
