import QRCode from 'qrcode';
import { qrPath } from './qr-path.util';

/** Paints the path back onto a grid: the inverse of qrPath, to compare with the library's modules. */
function paint(size: number, path: string): boolean[][] {
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-(\d+)z/g)) {
    const [x, y, w] = [Number(m[1]), Number(m[2]), Number(m[3])];
    for (let i = 0; i < w; i++) grid[y][x + i] = true;
  }
  return grid;
}

describe('qrPath', () => {
  it('draws exactly the dark modules of the QR code of the text', () => {
    const url = 'https://brevet.example/verify/6f1c2e44-0a43-4c1e-9a55-3f1f3c1d2b7a';
    const { size, path } = qrPath(url);
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    expect(size).toBe(modules.size);
    const grid = paint(size, path);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) expect([x, y, grid[y][x]]).toEqual([x, y, !!modules.get(y, x)]);
    expect(path).not.toMatch(/[^Mhvz0-9 -]/);
  });

  it('answers the same path for the same text', () => {
    expect(qrPath('https://a.example/verify/1')).toEqual(qrPath('https://a.example/verify/1'));
    expect(qrPath('https://a.example/verify/1').path).not.toBe(qrPath('https://a.example/verify/2').path);
  });
});
