import type { CredentialInput } from '@brevet/contracts';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestApp, type TestApp } from '../../test/support/test-app';
import { PUBLIC_CREDENTIAL_SOURCE, type PublicCredentialSource } from '../open-badges/open-badges.ports';
import { credentialInput } from '../open-badges/testing/credential-input.fixture';
import { renderCertificatePdf } from './certificate-pdf';
import { signInAsAdmin } from '../../test/support/auth';

const AWARD = '2f1c7d2e-5b8a-4c3d-9e10-4a2b6c8d0e11';
const VERIFY_URL = `https://brevet.test/verify/${AWARD}`;

/** The text poppler's pdftotext extracts, in reading order. */
function pdfText(pdf: Buffer): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'brevet-pdf-')), 'certificate.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync('pdftotext', ['-enc', 'UTF-8', '-layout', file, '-'], { encoding: 'utf8' });
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
}

function pdfInfo(pdf: Buffer): string {
  return execFileSync('pdfinfo', ['-'], { input: pdf, encoding: 'utf8' });
}

describe('PDF certificate (pdfkit, read back with pdftotext)', () => {
  const render = (input: CredentialInput, language: 'en' | 'de') =>
    renderCertificatePdf({
      input,
      language,
      issuerName: 'Nordwind Logistik',
      verifyUrl: VERIFY_URL,
      createdAt: new Date('2026-03-12T10:00:00Z'),
    });

  it('is one A4 landscape page with the name (ł, ö, ß), title, EU elements, dates and the verification URL, in German', async () => {
    const pdf = await render(credentialInput({ awardId: AWARD }), 'de');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Pages:\s+1/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const text = pdfText(pdf);
    expect(text).toContain('ZERTIFIKAT');
    expect(text).toContain('Łukasz Wróbel-Jößl');
    expect(text).toContain('Gabelstaplerführung, Klasse B');
    expect(text).toContain('Nordwind Logistik GmbH (Deutschland)');
    expect(text).toMatch(/Arbeitsaufwand\s+40 Stunden/);
    expect(text).toMatch(/ECTS-Punkte\s+1,5/);
    expect(text).toMatch(/EQR-Niveau\s+3/);
    expect(text).toMatch(/Prüfung\s+praktische Prüfung/);
    expect(text).toMatch(/Teilnahmeform\s+vor Ort/);
    expect(text).toContain('Qualitätssicherung');
    expect(text).toContain('12. März 2026');
    expect(text).toContain('31. März 2028');
    expect(text).toContain('Nordwind Logistik');
    expect(text).toContain(VERIFY_URL);
  });

  it('is in English for English speakers, and says when there is no expiry', async () => {
    const input = credentialInput({ awardId: AWARD, validUntil: null });
    input.recipient.name = 'Zażółć Gęślą Jaźń';
    const text = pdfText(await render(input, 'en'));
    expect(text).toContain('CERTIFICATE');
    expect(text).toContain('Zażółć Gęślą Jaźń');
    expect(text).toContain('Forklift operation, category B');
    expect(text).toContain('12 March 2026');
    expect(text).toContain('No expiry');
    expect(text).toMatch(/Workload\s+40 hours/);
    expect(text).toContain(VERIFY_URL);
  });

  it('carries a QR code image', async () => {
    const pdf = await render(credentialInput({ awardId: AWARD }), 'de');
    const images = execFileSync('pdfimages', ['-list', '-'], { input: pdf, encoding: 'utf8' });
    expect(images.split('\n').filter((l) => /^\s*1\s+\d+\s+image/.test(l))).toHaveLength(1);
  });
});

describe('PDF certificate over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_URL: 'https://brevet.test' });
    const source = t.app.get<PublicCredentialSource>(PUBLIC_CREDENTIAL_SOURCE, { strict: false });
    jest
      .spyOn(source, 'findForVerification')
      .mockImplementation((id) => Promise.resolve(id === AWARD ? credentialInput({ awardId: AWARD }) : null));
  });
  afterAll(() => t.close());

  it("renders the award's PDF on demand in the employee's language, or the one asked for", async () => {
    const http = await signInAsAdmin(t);
    const res = await http
      .get(`/api/v1/open-badges/credentials/${AWARD}/certificate.pdf`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Łukasz Wróbel-Jößl');
    expect(text).toContain('Gabelstaplerführung, Klasse B');
    expect(text).toContain(VERIFY_URL);
    const en = await http
      .get(`/api/v1/open-badges/credentials/${AWARD}/certificate.pdf?lang=en`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdfText(en.body as Buffer)).toContain('Forklift operation, category B');
    await http.get(`/api/v1/open-badges/credentials/${AWARD}/certificate.pdf?lang=fr`).expect(400);
    await http
      .get('/api/v1/open-badges/credentials/d7a1b0c4-2e3f-4a5b-8c6d-7e8f9a0b1c2d/certificate.pdf')
      .expect(404);
  });
});
