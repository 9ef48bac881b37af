import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Float16Array } from '@petamoriken/float16';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkImageInput, decodeImageFile, listImageFiles, prepareImages } from '../../src/bench/images.js';
import { letterbox, letterboxGeometry, PAD_VALUE } from '../../src/bench/letterbox.js';
import { perInputLatency } from '../../src/bench/per-input.js';
import { createImageRunner } from '../../src/bench/engine.js';
import { generateYoloModel } from '../../src/model/index.js';
import { isUsageError } from '../../src/util/errors.js';
import { busyScene, drawShapes, writeJpeg, writePng } from '../helpers/images.js';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-images-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * Reference values worked out by hand from Ultralytics' LetterBox (ultralytics/data/augment.py,
 * auto=False): r = min(H/h, W/w); unpadded size (round(w r), round(h r)) with Python's round; the
 * padding split as round(d - 0.1) before and round(d + 0.1) after.
 */
const GEOMETRY: [
  w: number,
  h: number,
  out: number,
  resizedW: number,
  resizedH: number,
  top: number,
  left: number,
][] = [
  [200, 120, 160, 160, 96, 32, 0], // landscape: bands above and below
  [90, 200, 160, 72, 160, 0, 44], // portrait: bands left and right
  [640, 480, 640, 640, 480, 80, 0], // no resize needed
  [333, 500, 640, 426, 640, 0, 107], // upscaled (scaleup=True), round(426.24)
  [100, 101, 64, 63, 64, 0, 0], // odd padding 1: round(0.4) = 0 before, round(0.6) = 1 after
  [50, 30, 32, 32, 19, 6, 0], // odd padding 13: 6 before, 7 after
];

describe('letterbox geometry equals Ultralytics LetterBox', () => {
  it.each(GEOMETRY)('%i x %i into %i', (w, h, out, resizedW, resizedH, top, left) => {
    const g = letterboxGeometry(w, h, out, out);
    expect({ w: g.resizedWidth, h: g.resizedHeight, top: g.top, left: g.left }).toEqual({
      w: resizedW,
      h: resizedH,
      top,
      left,
    });
  });
});

describe('letterbox pixels', () => {
  it('a solid image keeps its colour inside and 114 grey in the bands, RGB planes in order', () => {
    const w = 50;
    const h = 30;
    const rgb = new Uint8Array(3 * w * h);
    for (let i = 0; i < w * h; i++) rgb.set([10, 128, 250], 3 * i);
    const { chw } = letterbox({ width: w, height: h, rgb }, 32, 32);
    const at = (c: number, y: number, x: number) => Math.round(chw[c * 1024 + y * 32 + x]! * 255);
    // Rows 0-5 are the top band, 6-24 the image, 25-31 the bottom band.
    for (const c of [0, 1, 2]) {
      expect(at(c, 0, 0)).toBe(PAD_VALUE);
      expect(at(c, 5, 31)).toBe(PAD_VALUE);
      expect(at(c, 25, 16)).toBe(PAD_VALUE);
      expect(at(c, 31, 31)).toBe(PAD_VALUE);
    }
    expect([at(0, 6, 0), at(1, 15, 16), at(2, 24, 31)]).toEqual([10, 128, 250]);
  });

  it('bilinear with half-pixel centres (OpenCV INTER_LINEAR): a 2-pixel ramp upscaled to 4', () => {
    // Source x for output x: (x + 0.5) * 0.5 - 0.5 -> -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1).
    const rgb = Uint8Array.from([0, 0, 0, 200, 200, 200]);
    const { chw } = letterbox({ width: 2, height: 1, rgb }, 4, 2);
    expect(Array.from(chw.subarray(0, 4), (v) => Math.round(v * 255))).toEqual([0, 50, 150, 200]);
  });
});

describe('decoding, preparing and feeding images', () => {
  it('decodes drawn PNG and JPEG files to RGB', async () => {
    const png = join(work, 'scene.png');
    writePng(png, 40, 30, drawShapes(40, 30, [{ kind: 'rect', x: 20, y: 15, r: 5, rgb: [255, 0, 0] }]));
    const img = await decodeImageFile(png);
    expect([img.width, img.height]).toEqual([40, 30]);
    expect(Array.from(img.rgb.subarray(3 * (15 * 40 + 20), 3 * (15 * 40 + 20) + 3))).toEqual([255, 0, 0]);
    expect(Array.from(img.rgb.subarray(0, 3))).toEqual([40, 40, 40]);
    const jpg = join(work, 'scene.jpg');
    writeJpeg(jpg, 64, 48, drawShapes(64, 48, busyScene(64, 48, 10)));
    const j = await decodeImageFile(jpg);
    expect([j.width, j.height, j.rgb.length]).toEqual([64, 48, 3 * 64 * 48]);
  });

  it('a folder gives its JPEG/PNG files sorted; other files are ignored', async () => {
    const dir = join(work, 'folder');
    mkdirSync(dir);
    writePng(join(dir, 'b.PNG'), 8, 8, drawShapes(8, 8, []));
    writeJpeg(join(dir, 'a.jpg'), 8, 8, drawShapes(8, 8, []));
    writeFileSync(join(dir, 'notes.txt'), 'not an image');
    expect((await listImageFiles([dir])).map((f) => f.slice(dir.length + 1))).toEqual(['a.jpg', 'b.PNG']);
  });

  it('prepares float16 tensors for an FP16 model and float32 for FP32, letterboxed to its input', async () => {
    const file = join(work, 'wide.png');
    writePng(file, 100, 50, drawShapes(100, 50, busyScene(100, 50, 8)));
    for (const [dtype, Ctor] of [
      ['float32', Float32Array],
      ['float16', Uint16Array],
    ] as const) {
      const input = { name: 'images', dtype, shape: [1, 3, 64, 64] } as const;
      const { images, tensors } = await prepareImages([file], { ...input, shape: [...input.shape] });
      expect(images).toEqual([{ name: 'wide.png', path: file, width: 100, height: 50 }]);
      expect(tensors[0]!.type).toBe(dtype);
      expect(tensors[0]!.data).toBeInstanceOf(Ctor);
      expect(tensors[0]!.dims).toEqual([1, 3, 64, 64]);
      const first =
        dtype === 'float16'
          ? new Float16Array((tensors[0]!.data as Uint16Array).buffer)[0]!
          : (tensors[0]!.data as Float32Array)[0]!;
      expect(first).toBeCloseTo(PAD_VALUE / 255, 3); // top band of a 2:1 image
    }
  });

  it('the image runner feeds image i mod n and the per-input summary buckets samples the same way', async () => {
    const { bytes } = generateYoloModel({ arch: 'yolov8n', imgsz: 64 });
    const session = await ort.InferenceSession.create(bytes);
    try {
      const files = [0, 1, 2].map((k) => {
        const p = join(work, `cycle-${k}.png`);
        writePng(p, 32, 32, drawShapes(32, 32, [], [k * 100, k * 100, k * 100]));
        return p;
      });
      const prepared = await prepareImages(
        files,
        checkImageInput([{ name: 'images', dtype: 'float32', shape: [1, 3, 64, 64] }]),
      );
      const runner = createImageRunner(session, 'images', prepared.tensors);
      const outputs: number[] = [];
      for (let i = 0; i < 6; i++) {
        runner.select(i);
        const out = (await runner.run()) as Record<string, ort.Tensor>;
        outputs.push((out.output0!.data as Float32Array)[0]!);
      }
      // Same image, same output; different images differ.
      expect(outputs[3]).toBe(outputs[0]);
      expect(outputs[4]).toBe(outputs[1]);
      expect(outputs[0]).not.toBe(outputs[1]);
    } finally {
      await session.release();
    }
    const summary = perInputLatency(
      [1, 10, 100, 2, 20, 200, 3],
      [
        { name: 'a', width: 1, height: 1 },
        { name: 'b', width: 1, height: 1 },
        { name: 'c', width: 1, height: 1 },
      ],
    );
    expect(summary.images.map((i) => [i.name, i.samples, i.p50])).toEqual([
      ['a', 3, 2],
      ['b', 2, 15],
      ['c', 2, 150],
    ]);
    expect(summary.weighting).toBe('equal');
  });
});

describe('bad images and inputs: one UsageError line each', () => {
  const message = async (f: () => Promise<unknown> | unknown): Promise<string> => {
    try {
      await f();
    } catch (err) {
      expect(isUsageError(err)).toBe(true);
      const text = (err as Error).message;
      expect(text.split('\n')).toHaveLength(1);
      return text;
    }
    throw new Error('expected a UsageError');
  };

  it.each([
    {
      name: 'corrupt PNG',
      make: (p: string) => {
        writePng(p, 16, 16, drawShapes(16, 16, []));
        writeFileSync(p, readFileSync(p).subarray(0, 40));
      },
      file: 'broken.png',
      expected: /--inputs: ".*broken\.png" is not a readable PNG image \(corrupt or truncated/,
    },
    {
      name: 'corrupt JPEG',
      make: (p: string) => writeFileSync(p, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 1, 2, 3])),
      file: 'broken.jpg',
      expected: /--inputs: ".*broken\.jpg" is not a readable JPEG image/,
    },
    {
      name: 'unsupported format (GIF)',
      make: (p: string) => writeFileSync(p, 'GIF89a\x01\x00\x01\x00\x00\x00\x00;'),
      file: 'anim.png',
      expected: /--inputs: ".*anim\.png" is not a JPEG or PNG image \(GIF is not supported\)/,
    },
    {
      name: 'empty file',
      make: (p: string) => writeFileSync(p, ''),
      file: 'empty.jpg',
      expected: /--inputs: ".*empty\.jpg" is empty/,
    },
  ])('$name', async ({ make, file, expected }) => {
    const p = join(work, file);
    make(p);
    expect(await message(() => decodeImageFile(p))).toMatch(expected);
  });

  it('empty folder', async () => {
    const dir = mkdtempSync(join(work, 'empty-'));
    expect(await message(() => listImageFiles([dir]))).toMatch(
      /--inputs: no JPEG or PNG images in folder ".*empty-/,
    );
  });

  it('missing path', async () => {
    expect(await message(() => listImageFiles([join(work, 'nope')]))).toMatch(
      /--inputs: cannot read ".*nope"/,
    );
  });

  it.each([
    [
      { name: 'x', dtype: 'float32' as const, shape: [1, 1, 64, 64] },
      /takes 1 channel\(s\) .*images are fed as 3 channels/,
    ],
    [
      { name: 'x', dtype: 'float32' as const, shape: [2, 3, 64, 64] },
      /has shape \[2, 3, 64, 64\]; images feed \[1, 3, H, W\]/,
    ],
    [
      { name: 'x', dtype: 'int64' as const, shape: [1, 3, 64, 64] },
      /is int64; images are fed as float32 or float16/,
    ],
  ])('model input %j', async (input, expected) => {
    expect(await message(() => checkImageInput([input]))).toMatch(expected);
  });
});
