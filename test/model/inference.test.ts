import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { generateYoloModel, type GenerateOptions } from '../../src/model/index.js';

const FLT_MIN = 1.1754944e-38;

/** A deterministic image-like input in [0, 1). */
function testImage(size: number): ort.Tensor {
  const data = new Float32Array(3 * size * size);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 2654435761) % 1000) / 1000;
  return new ort.Tensor('float32', data, [1, 3, size, size]);
}

async function run(opts: GenerateOptions) {
  const { bytes, info } = generateYoloModel(opts);
  const session = await ort.InferenceSession.create(bytes);
  try {
    const out = await session.run({ images: testImage(opts.imgsz ?? 640) });
    return { info, output: out.output0! };
  } finally {
    await session.release();
  }
}

function check(output: ort.Tensor): void {
  const data = output.data as Float32Array;
  let nonZero = 0;
  let nonFinite = 0;
  let denormal = 0;
  for (const v of data) {
    if (!Number.isFinite(v)) nonFinite++;
    else if (v !== 0) {
      nonZero++;
      // Denormals would make CPU timings meaningless (and mean the weights are badly scaled).
      if (Math.abs(v) < FLT_MIN) denormal++;
    }
  }
  expect({ nonFinite, denormal }).toEqual({ nonFinite: 0, denormal: 0 });
  expect(nonZero).toBeGreaterThan(0);
}

describe('onnxruntime-node runs the generated models at 160', () => {
  it.each(['yolov8n', 'yolov8s', 'yolo11n', 'yolo11s'] as const)(
    '%s: 1x84x525, finite, no denormals',
    async (arch) => {
      const { info, output } = await run({ arch, imgsz: 160 });
      expect(output.dims).toEqual([1, 84, 525]);
      expect(info.outputShape).toEqual([1, 84, 525]);
      check(output);
      // Class scores are probabilities; boxes are centred in (or near) the image.
      const data = output.data as Float32Array;
      const scores = data.subarray(4 * 525);
      expect(Math.min(...scores)).toBeGreaterThan(0);
      expect(Math.max(...scores)).toBeLessThan(1);
    },
  );

  it.each([
    { arch: 'yolov8n' as const, variant: { kind: 'extra-blocks' as const, layer: 6, count: 2 } },
    { arch: 'yolo11n' as const, variant: { kind: 'extra-blocks' as const, layer: 13, count: 1 } },
    { arch: 'yolov8n' as const, variant: { kind: 'widen' as const, layer: 4, factor: 1.5 } },
  ])('$arch with $variant.kind in layer $variant.layer still runs', async ({ arch, variant }) => {
    const { info, output } = await run({ arch, imgsz: 160, variant });
    expect(output.dims).toEqual([1, 84, 525]);
    expect(info.flopsIncreasePercent).toBeGreaterThan(0);
    check(output);
  });

  it('the 640 model declares 1x84x8400 to a real session', async () => {
    const session = await ort.InferenceSession.create(
      generateYoloModel({ arch: 'yolov8n', imgsz: 640 }).bytes,
    );
    try {
      expect(session.inputNames).toEqual(['images']);
      expect(session.outputNames).toEqual(['output0']);
      const meta = session.outputMetadata[0]!;
      expect(meta.isTensor && meta.shape).toEqual([1, 84, 8400]);
    } finally {
      await session.release();
    }
  });
});
