import QRCode from 'qrcode';

/**
 * The QR code of `text` as one SVG path in module units: each run of dark modules in a row becomes one
 * rectangle (`M x y h n v 1 h -n z`). The page draws it in a `viewBox` of the size plus a quiet zone, so the
 * code scales sharply to any size and needs no image, script or inline style. Error correction M, as the PDF.
 */
export function qrPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size } = modules;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!modules.get(y, x)) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && modules.get(y, x)) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  }
  return { size, path: parts.join('') };
}
