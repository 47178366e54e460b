import {
  attachmentDisposition,
  checkEvidenceFile,
  sanitizeEvidenceFileName,
  sniffEvidenceType,
} from './evidence-file.util';

const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n', 'latin1');
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from([0, 0, 0, 13]),
  Buffer.from('IHDR', 'latin1'),
  Buffer.alloc(17),
  Buffer.from([0, 0, 0, 0]),
  Buffer.from('IEND', 'latin1'),
  Buffer.from([0xae, 0x42, 0x60, 0x82]),
]);
const jpeg = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
  Buffer.alloc(32),
  Buffer.from([0xff, 0xd9]),
]);

describe('sniffEvidenceType', () => {
  it.each([
    ['a PDF', pdf, 'application/pdf'],
    ['a PNG', png, 'image/png'],
    ['a JPEG', jpeg, 'image/jpeg'],
    ['a JPEG with data after its end marker', Buffer.concat([jpeg, Buffer.from('trailer')]), 'image/jpeg'],
  ])('recognises %s', (_what, content, type) => {
    expect(sniffEvidenceType(content)).toBe(type);
  });

  it.each([
    ['HTML', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')],
    ['an empty file', Buffer.alloc(0)],
    ['a cut-off PDF (no %%EOF)', pdf.subarray(0, 30)],
    ['a PDF header that is not at the start', Buffer.concat([Buffer.from('junk'), pdf])],
    ['a PDF with a wrong version', Buffer.from('%PDF-x.y\n.........\n%%EOF')],
    ['a cut-off PNG (no IEND)', png.subarray(0, png.length - 12)],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')],
    ['a ZIP (or DOCX)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0])],
  ])('refuses %s', (_what, content) => {
    expect(sniffEvidenceType(content)).toBeNull();
  });
});

describe('checkEvidenceFile', () => {
  it('accepts a file whose declared type and extension agree with its content', () => {
    expect(checkEvidenceFile(pdf, 'application/pdf', 'Erste Hilfe.PDF')).toEqual({
      ok: true,
      mediaType: 'application/pdf',
    });
    expect(checkEvidenceFile(jpeg, 'image/jpg', 'scan.jpeg')).toEqual({ ok: true, mediaType: 'image/jpeg' });
  });

  it('lets the content decide when the declared type says nothing and the name has no extension', () => {
    expect(checkEvidenceFile(png, 'application/octet-stream', 'photo')).toEqual({
      ok: true,
      mediaType: 'image/png',
    });
    expect(checkEvidenceFile(png, '', 'photo')).toEqual({ ok: true, mediaType: 'image/png' });
  });

  it('refuses a file disguised by its declared type or its extension', () => {
    const html = Buffer.from('<html><body onload="alert(1)"></body></html>');
    expect(checkEvidenceFile(html, 'application/pdf', 'certificate.pdf')).toEqual({
      ok: false,
      reason: 'unsupported',
    });
    expect(checkEvidenceFile(png, 'application/pdf', 'certificate.png')).toEqual({
      ok: false,
      reason: 'declared_type',
    });
    expect(checkEvidenceFile(png, 'text/html', 'certificate.png')).toEqual({
      ok: false,
      reason: 'declared_type',
    });
    expect(checkEvidenceFile(pdf, 'application/pdf', 'certificate.html')).toEqual({
      ok: false,
      reason: 'extension',
    });
    expect(checkEvidenceFile(jpeg, 'image/jpeg', 'photo.jpg.exe')).toEqual({
      ok: false,
      reason: 'extension',
    });
  });
});

describe('sanitizeEvidenceFileName', () => {
  it.each([
    ['Erste Hilfe 2026.pdf', 'application/pdf', 'Erste Hilfe 2026.pdf'],
    ['C:\\Users\\max\\Desktop\\Zertifikat.PDF', 'application/pdf', 'Zertifikat.pdf'],
    ['../../etc/passwd', 'application/pdf', 'passwd.pdf'],
    ['scan', 'image/jpeg', 'scan.jpg'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['photo.png', 'image/jpeg', 'photo.png.jpg'],
    ['evil\u202egpj.exe', 'image/png', 'evilgpj.exe.png'],
    ['line\r\nbreak";name=x.pdf', 'application/pdf', 'line break__name=x.pdf'],
    ['.hidden.pdf', 'application/pdf', 'hidden.pdf'],
    ['   ', 'image/png', 'certificate.png'],
    ['.pdf', 'application/pdf', 'pdf.pdf'],
    ['Übung für Gabelstapler.pdf', 'application/pdf', 'Übung für Gabelstapler.pdf'],
  ] as const)('%j as %s → %j', (original, type, expected) => {
    expect(sanitizeEvidenceFileName(original, type)).toBe(expected);
  });

  it('keeps names short', () => {
    const name = sanitizeEvidenceFileName(`${'x'.repeat(300)}.pdf`, 'application/pdf');
    expect(name).toBe(`${'x'.repeat(100)}.pdf`);
  });
});

describe('attachmentDisposition', () => {
  it('offers an ASCII name and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Übung (1).pdf')).toBe(
      `attachment; filename="_bung (1).pdf"; filename*=UTF-8''%C3%9Cbung%20%281%29.pdf`,
    );
  });

  it('cannot be broken out of', () => {
    const header = attachmentDisposition('a"; filename="evil.html');
    expect(header.startsWith('attachment; filename="a_; filename=_evil.html";')).toBe(true);
  });
});
