/**
 * Test images drawn here (never downloaded): filled rectangles and discs on a background, written as
 * real PNG (pngjs) and JPEG (jpeg-js) files.
 */
import { writeFileSync } from 'node:fs';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export interface Shape {
  kind: 'rect' | 'disc';
  /** Centre and half-size in pixels. */
  x: number;
  y: number;
  r: number;
  rgb: [number, number, number];
}

/** RGBA pixels of `shapes` drawn over a flat `background`. */
export function drawShapes(
  width: number,
  height: number,
  shapes: readonly Shape[],
  background: [number, number, number] = [40, 40, 40],
): Uint8Array {
  const data = new Uint8Array(4 * width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let colour = background;
      for (const s of shapes) {
        const inside =
          s.kind === 'rect'
            ? Math.abs(x - s.x) <= s.r && Math.abs(y - s.y) <= s.r
            : (x - s.x) ** 2 + (y - s.y) ** 2 <= s.r ** 2;
        if (inside) colour = s.rgb;
      }
      data.set([...colour, 255], 4 * (y * width + x));
    }
  }
  return data;
}

/** A busy scene: `count` shapes in a grid pattern with varied colours (deterministic). */
export function busyScene(width: number, height: number, count: number): Shape[] {
  return Array.from({ length: count }, (_, i) => ({
    kind: i % 2 === 0 ? ('rect' as const) : ('disc' as const),
    x: ((i * 37) % 97) * (width / 97),
    y: ((i * 53) % 89) * (height / 89),
    r: 3 + (i % 7) * Math.max(1, Math.round(Math.min(width, height) / 60)),
    rgb: [(i * 71) % 256, (i * 113) % 256, (i * 197) % 256] as [number, number, number],
  }));
}

export function writePng(path: string, width: number, height: number, rgba: Uint8Array): void {
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba);
  writeFileSync(path, PNG.sync.write(png));
}

export function writeJpeg(path: string, width: number, height: number, rgba: Uint8Array, quality = 90): void {
  writeFileSync(path, jpeg.encode({ width, height, data: Buffer.from(rgba) }, quality).data);
}
