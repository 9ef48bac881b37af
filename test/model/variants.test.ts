import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import onnxPkg from 'onnx-proto';
import { UsageError } from '../../src/util/errors.js';
import {
  ensureModel,
  findVariantForFlopsIncrease,
  formatModelInfo,
  generateYoloModel,
  modelCacheKey,
  parseArch,
  parseVariant,
  variantLayers,
  type GenerateOptions,
} from '../../src/model/index.js';

const { onnx } = onnxPkg;

describe('parseArch / parseVariant', () => {
  it('accepts every architecture, case-insensitively', () => {
    expect(parseArch('YOLOv8s')).toBe('yolov8s');
    expect(parseArch('yolo11x')).toBe('yolo11x');
  });

  it.each([
    ['extra-blocks:6:2', { kind: 'extra-blocks', layer: 6, count: 2 }],
    ['widen:4:1.5', { kind: 'widen', layer: 4, factor: 1.5 }],
  ])('parses %s', (spec, expected) => expect(parseVariant(spec)).toEqual(expected));

  it.each([
    ['unknown arch', () => parseArch('yolov5n', '--arch'), /--arch: .*"yolov5n".*yolov8n/],
    ['variant kind', () => parseVariant('deeper:6:2'), /--variant: .*"deeper:6:2"/],
    ['variant fields', () => parseVariant('extra-blocks:6'), /--variant: .*"extra-blocks:6"/],
    ['variant count', () => parseVariant('extra-blocks:6:0'), /--variant: count .*"extra-blocks:6:0"/],
    ['variant layer', () => parseVariant('extra-blocks:x:2'), /--variant: layer .*"extra-blocks:x:2"/],
    ['widen factor', () => parseVariant('widen:6:0.5'), /--variant: factor .*"widen:6:0.5"/],
    ['imgsz not /32', () => generateYoloModel({ arch: 'yolov8n', imgsz: 100 }), /imgsz: .*"100"/],
    ['imgsz zero', () => generateYoloModel({ arch: 'yolov8n', imgsz: 0 }), /imgsz: .*"0"/],
    ['imgsz negative', () => generateYoloModel({ arch: 'yolov8n', imgsz: -32 }), /imgsz: .*"-32"/],
    ['arch option', () => generateYoloModel({ arch: 'nope' as never }), /arch: .*"nope"/],
    [
      'variant layer not C2f',
      () => generateYoloModel({ arch: 'yolov8n', variant: { kind: 'extra-blocks', layer: 3, count: 1 } }),
      /variant: layer 3 of yolov8n is not a C2f layer \(valid: 2, 4, 6, 8, 12, 15, 18, 21\)/,
    ],
    ['seed', () => generateYoloModel({ arch: 'yolov8n', seed: -1 }), /seed: .*"-1"/],
    ['target percent', () => findVariantForFlopsIncrease('yolov8n', 640, 0), /targetPercent: .*"0"/],
  ])('%s gives a one-line UsageError naming the input and value', (_what, fn, message) => {
    let caught: unknown;
    try {
      fn();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain('\n');
  });
});

describe('slower variants', () => {
  it('prefers extra blocks when they land close to the target', () => {
    // yolov8n: one block in layer 2 is exactly +3.0% at 640.
    expect(findVariantForFlopsIncrease('yolov8n', 640, 3).variant).toEqual({
      kind: 'extra-blocks',
      layer: 2,
      count: 1,
    });
  });

  it('extra blocks keep Ultralytics naming and add the FLOPs of the new blocks', () => {
    const base = generateYoloModel({ arch: 'yolov8n', imgsz: 160 });
    const { bytes, info } = generateYoloModel({
      arch: 'yolov8n',
      imgsz: 160,
      variant: { kind: 'extra-blocks', layer: 6, count: 2 },
    });
    const names = new Set(onnx.ModelProto.decode(bytes).graph!.node!.map((n) => n.name));
    expect(names.has('/model.6/m.2/cv1/conv/Conv')).toBe(true);
    expect(names.has('/model.6/m.3/Add')).toBe(true);
    expect(names.has('/model.6/m.4/cv1/conv/Conv')).toBe(false);
    expect(info.baseFlops).toBe(base.info.flops);
    // Layer 6 of yolov8n works at stride 16 with c = 64: each block is two 3x3 64->64 convs, and
    // cv2's input grows by 64 channels (cv2 outputs 128).
    const hw = (160 / 16) ** 2;
    const perBlock = 2 * (2 * hw * 64 * 64 * 9) + 2 * hw * 128 * 64;
    expect(info.flops - base.info.flops).toBe(2 * perBlock);
    expect(info.flopsIncreasePercent).toBeCloseTo((100 * 2 * perBlock) / base.info.flops, 10);
    expect(info.params.fused).toBeGreaterThan(base.info.params.fused);
  });

  it.each([3, 5, 10])('findVariantForFlopsIncrease changes one layer for +%i%%', (target) => {
    for (const arch of ['yolov8n', 'yolo11n'] as const) {
      const { variant, flopsIncreasePercent } = findVariantForFlopsIncrease(arch, 640, target);
      expect(Math.abs(flopsIncreasePercent - target)).toBeLessThanOrEqual(target * 0.1 + 1e-9);
      expect(variantLayers(arch)).toContain(variant.layer);
      // The promise holds for a real model built from it.
      const { info } = generateYoloModel({ arch, imgsz: 640, variant });
      expect(info.flopsIncreasePercent).toBeCloseTo(flopsIncreasePercent, 9);
    }
  });

  it('formatModelInfo shows parameters, GFLOPs and the FLOPs increase', () => {
    const { info } = generateYoloModel({
      arch: 'yolov8n',
      variant: { kind: 'extra-blocks', layer: 6, count: 2 },
    });
    const text = formatModelInfo(info);
    expect(text).toContain('yolov8n');
    expect(text).toMatch(/\d,\d{3},\d{3} fused, \d,\d{3},\d{3} unfused/);
    expect(text).toMatch(/\d+\.\d GFLOPs at 640/);
    expect(text).toMatch(/extra-blocks-6x2 .*: \+\d+\.\d% FLOPs/);
    expect(text).toMatch(/nodes/);
  });
});

describe('model cache', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('cache keys name the options and change with them', () => {
    const key = (o: GenerateOptions) => modelCacheKey(o);
    expect(key({ arch: 'yolov8n' })).toMatch(/^yolov8n-640-s0-[0-9a-f]{8}$/);
    expect(key({ arch: 'yolov8n', variant: { kind: 'extra-blocks', layer: 6, count: 2 } })).toMatch(
      /^yolov8n-640-s0-extra-blocks-6x2-[0-9a-f]{8}$/,
    );
    expect(key({ arch: 'yolo11s', imgsz: 320, seed: 3, numClasses: 5 })).toMatch(/^yolo11s-320-s3-nc5-/);
  });

  it('writes the model and its info once, then reuses them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'model-cache-'));
    dirs.push(dir);
    const opts: GenerateOptions = { arch: 'yolo11n', imgsz: 160 };
    const first = await ensureModel(opts, dir);
    expect(first.cached).toBe(false);
    expect(first.path).toBe(join(dir, `${modelCacheKey(opts)}.onnx`));
    expect((await stat(first.path)).size).toBeGreaterThan(1_000_000);
    expect(JSON.parse(await readFile(`${first.path}.json`, 'utf8'))).toEqual(first.info);
    const second = await ensureModel(opts, dir);
    expect(second).toEqual({ ...first, cached: true });
  });
});
