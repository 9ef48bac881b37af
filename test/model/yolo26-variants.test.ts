import { Float16Array } from '@petamoriken/float16';
import onnxPkg from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildNetwork } from '../../src/model/network.js';
import {
  formatModelInfo,
  generateYoloModel,
  modelCacheKey,
  type GenerateOptions,
} from '../../src/model/index.js';
import { isUsageError } from '../../src/util/errors.js';

const { onnx } = onnxPkg;

/**
 * YOLO26 figures published by Ultralytics:
 * - `training`: the summary lines of ultralytics/cfg/models/26/yolo26.yaml ("260 layers, 2,572,280
 *   parameters, ..."): the model as built from the YAML, both heads, BatchNorm unfused.
 * - `paramsM`, `gflops`: the performance table of docs.ultralytics.com/models/yolo26 ("params (M)",
 *   "FLOPs (B)" at 640): the exported (fused, one-to-one head only) model.
 */
const YOLO26_PUBLISHED = [
  { arch: 'yolo26n', training: 2_572_280, paramsM: 2.4, gflops: 5.4 },
  { arch: 'yolo26s', training: 10_009_784, paramsM: 9.5, gflops: 20.7 },
  { arch: 'yolo26m', training: 21_896_248, paramsM: 20.4, gflops: 68.2 },
  { arch: 'yolo26l', training: 26_299_704, paramsM: 24.8, gflops: 86.4 },
  { arch: 'yolo26x', training: 58_993_368, paramsM: 55.7, gflops: 193.9 },
] as const;

describe('YOLO26 parameter counts and FLOPs equal the published figures', () => {
  it.each(YOLO26_PUBLISHED)('$arch', ({ arch, training, paramsM, gflops }) => {
    const net = buildNetwork(arch, 640, 80);
    expect(net.training?.unfused).toBe(training);
    expect(Number((net.params.fused / 1e6).toFixed(1))).toBe(paramsM);
    expect(Number((net.flops / 1e9).toFixed(1))).toBe(gflops);
  });
});

const decode = (bytes: Uint8Array) => onnx.ModelProto.decode(bytes);
const elemType = (v: onnxPkg.onnx.IValueInfoProto | undefined) => v?.type?.tensorType?.elemType;
const meta = (m: onnxPkg.onnx.ModelProto) => Object.fromEntries(m.metadataProps.map((p) => [p.key, p.value]));

describe('YOLO26 graph: end-to-end head with Ultralytics export names', () => {
  const { bytes, info } = generateYoloModel({ arch: 'yolo26n', imgsz: 640 });
  const model = decode(bytes);
  const names = new Set(model.graph!.node!.map((n) => n.name!));

  it.each([
    '/model.9/cv1/conv/Conv', // SPPF cv1 ...
    '/model.9/m_2/MaxPool',
    '/model.9/Add', // ... and its shortcut (c1 == c2)
    '/model.22/m.0/m.0.0/cv1/conv/Conv', // C3k2 with attn: Bottleneck then PSABlock in an nn.Sequential
    '/model.22/m.0/m.0.1/attn/MatMul',
    '/model.22/m.0/m.0.1/ffn/ffn.1/conv/Conv',
    '/model.23/one2one_cv2.0/one2one_cv2.0.0/conv/Conv',
    '/model.23/one2one_cv3.2/one2one_cv3.2.1/one2one_cv3.2.1.1/act/Mul',
    '/model.23/ReduceMax',
    '/model.23/TopK',
    '/model.23/TopK_1',
    '/model.23/GatherElements_2',
  ])('has node %s', (name) => expect(names.has(name)).toBe(true));

  it.each([
    '/model.9/cv1/act/Mul', // YOLO26's SPPF cv1 has no activation
    '/model.23/dfl/conv/Conv', // reg_max 1: no DFL
    '/model.23/cv2.0/cv2.0.0/conv/Conv', // the one-to-many branches are not exported
  ])('has no node %s', (name) => expect(names.has(name)).toBe(false));

  it('declares [1, 300, 6] and records end2end like an export', () => {
    expect(info.outputShape).toEqual([1, 300, 6]);
    expect(info.family).toBe('yolo26');
    expect(info.detectLayer).toBe(23);
    expect(meta(model).end2end).toBe('True');
    expect(info.training).toEqual({ params: 2_572_280, flops: expect.any(Number) });
  });
});

async function run(opts: GenerateOptions, input?: ort.Tensor) {
  const { bytes, info } = generateYoloModel(opts);
  const session = await ort.InferenceSession.create(bytes);
  try {
    const meta0 = session.inputMetadata[0]!;
    const size = opts.imgsz!;
    const pixels = new Float32Array(3 * size * size);
    for (let i = 0; i < pixels.length; i++) pixels[i] = ((i * 2654435761) % 1000) / 1000;
    const feed =
      input ??
      (meta0.isTensor && meta0.type === 'float16'
        ? new ort.Tensor('float16', new Uint16Array(new Float16Array(pixels).buffer), [1, 3, size, size])
        : new ort.Tensor('float32', pixels, [1, 3, size, size]));
    const out = (await session.run({ images: feed })).output0!;
    const values =
      out.type === 'float16'
        ? Array.from(new Float16Array((out.data as Uint16Array).buffer))
        : Array.from(out.data as Float32Array);
    return { info, dims: out.dims, type: out.type, values };
  } finally {
    await session.release();
  }
}

describe('the variants run in onnxruntime-node at 160', () => {
  it('yolo26n: top-300 rows of [x1, y1, x2, y2, score, class]', async () => {
    const { dims, values } = await run({ arch: 'yolo26n', imgsz: 160 });
    expect(dims).toEqual([1, 300, 6]);
    for (let r = 0; r < 300; r++) {
      const [x1, y1, x2, y2, score, cls] = values.slice(r * 6, r * 6 + 6) as number[];
      expect(Number.isFinite(x1! + y1! + x2! + y2!)).toBe(true);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
      expect(Number.isInteger(cls) && cls! >= 0 && cls! < 80).toBe(true);
      if (r > 0) expect(score).toBeLessThanOrEqual(values[(r - 1) * 6 + 4]!); // sorted by TopK
    }
  });

  it('yolo11n --nms: NonMaxSuppression at the root scope, thresholds in the graph and metadata', async () => {
    const { bytes } = generateYoloModel({ arch: 'yolo11n', imgsz: 160, nms: true });
    const model = decode(bytes);
    const nms = model.graph!.node!.find((n) => n.opType === 'NonMaxSuppression')!;
    expect(nms.name).toBe('/NonMaxSuppression');
    const init = (name: string) => model.graph!.initializer!.find((t) => t.name === name)!;
    const f32 = (name: string) => new Float32Array(Uint8Array.from(init(name).rawData!).buffer)[0];
    expect(nms.input![3]).toBe('nms.iou_threshold');
    expect(f32('nms.iou_threshold')).toBeCloseTo(0.7, 6);
    expect(f32('nms.conf_threshold')).toBeCloseTo(0.25, 6);
    expect(meta(model)).toMatchObject({ nms: 'True', conf: '0.25', iou: '0.7', max_det: '300' });

    const { dims, values } = await run({ arch: 'yolo11n', imgsz: 160, nms: true });
    expect(dims).toEqual([1, 300, 6]);
    const kept = Array.from({ length: 300 }, (_, r) => values[r * 6 + 4]!).filter((s) => s > 0);
    for (const s of kept) expect(s).toBeGreaterThan(0.25);
    // Rows after the kept detections are the zero padding.
    expect(values.slice(kept.length * 6).every((v) => v === 0)).toBe(true);
  });

  it('--nms is refused for end-to-end YOLO26 with one line naming the option', () => {
    let err: unknown;
    try {
      generateYoloModel({ arch: 'yolo26n', imgsz: 160, nms: true });
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    expect(String((err as Error).message)).toMatch(/^nms: yolo26n is end-to-end/);
  });

  it('fp16: float16 input, weights and output; Resize scales stay float32; close to fp32', async () => {
    const { bytes } = generateYoloModel({ arch: 'yolov8n', imgsz: 160, precision: 'fp16' });
    const model = decode(bytes);
    expect(elemType(model.graph!.input![0])).toBe(10);
    expect(elemType(model.graph!.output![0])).toBe(10);
    const types = new Map(model.graph!.initializer!.map((t) => [t.name!, t.dataType!]));
    expect(types.get('model.0.conv.weight')).toBe(10);
    const resizeScales = model.graph!.node!.filter((n) => n.opType === 'Resize').map((n) => n.input![2]!);
    for (const s of resizeScales) expect(types.get(s)).toBe(1);
    expect(meta(model)).toMatchObject({ precision: 'fp16', half: 'True', int8: 'False' });

    const half = await run({ arch: 'yolov8n', imgsz: 160, precision: 'fp16' });
    const full = await run({ arch: 'yolov8n', imgsz: 160 });
    expect(half.type).toBe('float16');
    // Box coordinates (first 4 rows of 84) agree to within float16 rounding of the whole network.
    const boxes = 4 * 525;
    let worst = 0;
    for (let i = 0; i < boxes; i++) worst = Math.max(worst, Math.abs(half.values[i]! - full.values[i]!));
    expect(worst).toBeLessThan(2); // pixels, on coordinates up to 160
  });

  it('int8: QDQ with per-channel int8 weights, int32 biases, uint8 activations; close to fp32', async () => {
    const { bytes, info } = generateYoloModel({ arch: 'yolov8n', imgsz: 160, precision: 'int8' });
    const model = decode(bytes);
    const inits = new Map(model.graph!.initializer!.map((t) => [t.name!, t]));
    expect(inits.get('model.0.conv.weight_quantized')!.dataType).toBe(3); // INT8
    expect(inits.get('model.0.conv.weight_scale')!.dims!.map(Number)).toEqual([16]); // per channel
    expect(inits.get('model.0.conv.bias_quantized')!.dataType).toBe(6); // INT32
    expect(inits.get('images_zero_point')!.dataType).toBe(2); // UINT8, per tensor
    expect(inits.get('images_scale')!.dims).toEqual([]);
    expect(inits.has('model.0.conv.weight')).toBe(false);
    expect(info.opCounts.QuantizeLinear).toBeGreaterThan(50);
    expect(info.opCounts.DequantizeLinear).toBeGreaterThan(info.opCounts.QuantizeLinear!);

    const q = await run({ arch: 'yolov8n', imgsz: 160, precision: 'int8' });
    const full = await run({ arch: 'yolov8n', imgsz: 160 });
    const boxes = 4 * 525;
    let sum = 0;
    for (let i = 0; i < boxes; i++) sum += Math.abs(q.values[i]! - full.values[i]!);
    expect(sum / boxes).toBeLessThan(8); // mean box error in pixels after 60+ quantized convs
  });

  it('yolo26n fp16 and int8 run and keep the [1, 300, 6] output', async () => {
    for (const precision of ['fp16', 'int8'] as const) {
      const { dims, values } = await run({ arch: 'yolo26n', imgsz: 160, precision });
      expect(dims).toEqual([1, 300, 6]);
      expect(values.every(Number.isFinite)).toBe(true);
    }
  });
});

describe('model summary names the export form', () => {
  it.each([
    [{ arch: 'yolo26n', imgsz: 64 }, /Export: {3}fp32, end-to-end \(top-k in the graph, no NMS\)/],
    [
      { arch: 'yolo11n', imgsz: 64, nms: true },
      /Export: {3}fp32, NMS in the graph \(conf 0\.25, iou 0\.7, max_det 300\)/,
    ],
    [{ arch: 'yolov8n', imgsz: 64, precision: 'fp16' }, /Export: {3}fp16 \(half=True\), raw head output/],
    [{ arch: 'yolov8n', imgsz: 64, precision: 'int8' }, /Export: {3}int8 \(QDQ: int8 per-channel weights/],
  ] as [GenerateOptions, RegExp][])('%j', (opts, line) => {
    expect(formatModelInfo(generateYoloModel(opts).info)).toMatch(line);
  });

  it('YOLO26 shows the as-trained parameter count of the YAML (conv-only GFLOPs: BatchNorm uncounted)', () => {
    expect(formatModelInfo(generateYoloModel({ arch: 'yolo26n', imgsz: 640 }).info)).toMatch(
      /Training: 2,572,280 params, 6\.0 GFLOPs with the one-to-many head an export drops/,
    );
  });
});

describe('cache keys name the new options', () => {
  it.each([
    [{ arch: 'yolo11n', imgsz: 320, nms: true }, 'yolo11n-320-s0-nms0.25-0.7-300-'],
    [{ arch: 'yolov8n', imgsz: 640, precision: 'fp16' }, 'yolov8n-640-s0-fp16-'],
    [{ arch: 'yolo26s', imgsz: 640, precision: 'int8' }, 'yolo26s-640-s0-int8-'],
  ] as [GenerateOptions, string][])('%j', (opts, prefix) => {
    expect(modelCacheKey(opts).startsWith(prefix)).toBe(true);
  });
});
