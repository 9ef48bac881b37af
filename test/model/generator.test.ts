import { describe, expect, it } from 'vitest';
import onnxPkg from 'onnx-proto';
import { sha256 } from '../../src/util/hash.js';
import { countFlops, generateYoloModel, SUPPORTED_ARCHS, type YoloArch } from '../../src/model/index.js';
import { buildNetwork } from '../../src/model/network.js';

const { onnx } = onnxPkg;

// Published figures: the unfused counts are the summaries in Ultralytics' yolov8.yaml / yolo11.yaml; the
// fused counts and GFLOPs at 640 are the fused model summaries (model.info() after fuse(), as in the
// reference README and Ultralytics' docs).
const PUBLISHED: { arch: YoloArch; fused?: number; unfused: number; gflops?: number }[] = [
  { arch: 'yolov8n', fused: 3_151_904, unfused: 3_157_200, gflops: 8.7 },
  { arch: 'yolov8s', fused: 11_156_544, unfused: 11_166_560, gflops: 28.6 },
  { arch: 'yolov8m', unfused: 25_902_640 },
  { arch: 'yolov8l', unfused: 43_691_520 },
  { arch: 'yolov8x', unfused: 68_229_648 },
  { arch: 'yolo11n', fused: 2_616_248, unfused: 2_624_080, gflops: 6.5 },
  { arch: 'yolo11s', unfused: 9_458_752 },
  { arch: 'yolo11m', unfused: 20_114_688 },
  { arch: 'yolo11l', unfused: 25_372_160 },
  { arch: 'yolo11x', unfused: 56_966_176 },
];

describe('parameter counts and FLOPs (graph description only)', () => {
  it.each(PUBLISHED)('$arch matches the published figures', ({ arch, fused, unfused, gflops }) => {
    const net = buildNetwork(arch, 640, 80);
    if (fused !== undefined) expect(net.params.fused).toBe(fused);
    expect(net.params.unfused).toBe(unfused);
    if (gflops !== undefined) expect(Number((net.flops / 1e9).toFixed(1))).toBe(gflops);
  });

  it('covers every supported architecture (YOLO26: yolo26-variants.test.ts)', () => {
    expect(PUBLISHED.map((p) => p.arch).sort()).toEqual(
      SUPPORTED_ARCHS.filter((a) => !a.startsWith('yolo26')).sort(),
    );
  });

  it('FLOPs scale with the input area', () => {
    expect(countFlops('yolov8n', 320) * 4).toBe(countFlops('yolov8n', 640));
  });
});

function decode(bytes: Uint8Array) {
  return onnx.ModelProto.decode(bytes);
}

describe.each([
  {
    arch: 'yolov8n' as const,
    detect: 22,
    fused: 3_151_904,
    gflops: 8.7,
    ops: [
      'Conv',
      'Sigmoid',
      'Mul',
      'Concat',
      'Split',
      'MaxPool',
      'Resize',
      'Add',
      'Reshape',
      'Transpose',
      'Softmax',
      'Sub',
      'Div',
      'Slice',
    ],
    names: [
      '/model.0/conv/Conv',
      '/model.0/act/Sigmoid',
      '/model.0/act/Mul',
      '/model.2/Split',
      '/model.2/m.0/cv1/conv/Conv',
      '/model.2/m.0/Add',
      '/model.9/m/MaxPool',
      '/model.9/m_1/MaxPool',
      '/model.9/m_2/MaxPool',
      '/model.10/Resize',
      '/model.11/Concat',
      '/model.22/cv2.0/cv2.0.0/conv/Conv',
      '/model.22/cv2.0/cv2.0.2/Conv',
      '/model.22/cv3.2/cv3.2.1/act/Mul',
      '/model.22/Concat_3',
      '/model.22/Split',
      '/model.22/dfl/Reshape',
      '/model.22/dfl/Transpose',
      '/model.22/dfl/Softmax',
      '/model.22/dfl/conv/Conv',
      '/model.22/dfl/Reshape_1',
      '/model.22/Slice_1',
      '/model.22/Sub',
      '/model.22/Add_1',
      '/model.22/Div_1',
      '/model.22/Mul_2',
      '/model.22/Sigmoid',
      '/model.22/Concat_5',
    ],
    absent: ['/model.12/m.0/Add'], // head C2f blocks have no shortcut
  },
  {
    arch: 'yolo11n' as const,
    detect: 23,
    fused: 2_616_248,
    gflops: 6.5,
    ops: [
      'Conv',
      'Sigmoid',
      'Mul',
      'Concat',
      'Split',
      'MaxPool',
      'Resize',
      'Add',
      'Reshape',
      'Transpose',
      'Softmax',
      'MatMul',
      'Sub',
      'Div',
    ],
    names: [
      '/model.2/m.0/cv1/conv/Conv',
      '/model.2/m.0/Add',
      '/model.10/m/m.0/attn/qkv/conv/Conv',
      '/model.10/m/m.0/attn/MatMul',
      '/model.10/m/m.0/attn/MatMul_1',
      '/model.10/m/m.0/attn/Softmax',
      '/model.10/m/m.0/attn/pe/conv/Conv',
      '/model.10/m/m.0/attn/proj/conv/Conv',
      '/model.10/m/m.0/ffn/ffn.0/act/Mul',
      '/model.10/m/m.0/Add_1',
      '/model.13/m.0/Add',
      '/model.23/cv3.0/cv3.0.0/cv3.0.0.0/conv/Conv',
      '/model.23/cv3.0/cv3.0.1/cv3.0.1.1/act/Mul',
      '/model.23/dfl/conv/Conv',
      '/model.23/Concat_5',
    ],
    absent: ['/model.10/m/m.0/attn/qkv/act/Mul'], // act=False convs export no activation
  },
])('$arch graph', ({ arch, detect, fused, gflops, ops, names, absent }) => {
  const { bytes, info } = generateYoloModel({ arch, imgsz: 640 });
  const model = decode(bytes);
  const nodeNames = new Set(model.graph!.node!.map((n) => n.name!));
  const initNames = new Set(model.graph!.initializer!.map((t) => t.name!));

  it('reports the published fused count and GFLOPs', () => {
    expect(info.params.fused).toBe(fused);
    expect(Number(info.gflops.toFixed(1))).toBe(gflops);
    expect(info.detectLayer).toBe(detect);
    expect(info.family).toBe(arch.startsWith('yolov8') ? 'yolov8' : 'yolo11');
  });

  it('has the op types of an Ultralytics export and no BatchNorm', () => {
    for (const op of ops) expect(info.opCounts[op], op).toBeGreaterThan(0);
    expect(info.opCounts.BatchNormalization).toBeUndefined();
    expect(info.nodeCount).toBe(model.graph!.node!.length);
  });

  it.each(names)('has node %s', (name) => expect(nodeNames.has(name)).toBe(true));
  it.each(absent)('has no node %s', (name) => expect(nodeNames.has(name)).toBe(false));

  it('names initializers like the exported state dict', () => {
    for (const n of [
      'model.0.conv.weight',
      'model.0.conv.bias',
      `model.${detect}.cv2.0.2.weight`,
      `model.${detect}.dfl.conv.weight`,
    ]) {
      expect(initNames.has(n), n).toBe(true);
    }
  });

  it('declares images 1x3x640x640 -> output0 1x84x8400, opset 17, IR 8', () => {
    const dims = (v: onnxPkg.onnx.IValueInfoProto) =>
      v.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue));
    expect(model.graph!.input![0]!.name).toBe('images');
    expect(dims(model.graph!.input![0]!)).toEqual([1, 3, 640, 640]);
    expect(model.graph!.output![0]!.name).toBe('output0');
    expect(dims(model.graph!.output![0]!)).toEqual([1, 84, 8400]);
    expect(info.outputShape).toEqual([1, 84, 8400]);
    expect(Number(model.irVersion)).toBe(8);
    expect(Number(model.opsetImport![0]!.version)).toBe(17);
  });
});

describe('determinism', () => {
  const hash = (seed: number) => sha256(generateYoloModel({ arch: 'yolo11n', imgsz: 160, seed }).bytes);

  it('same options give identical bytes', () => expect(hash(7)).toBe(hash(7)));
  it('a different seed gives different weights', () => expect(hash(7)).not.toBe(hash(8)));
  it('numClasses changes the head', () => {
    const { info } = generateYoloModel({ arch: 'yolov8n', imgsz: 160, numClasses: 3 });
    expect(info.outputShape).toEqual([1, 7, 525]);
  });
});
