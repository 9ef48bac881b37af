import { writeFileSync } from 'node:fs';
import onnxPkg from 'onnx-proto';

const { onnx } = onnxPkg;

/** A one-node ONNX model (Relu) whose input `images` has a symbolic batch dimension "batch". */
export function writeDynamicBatchModel(path: string): void {
  const dims = [{ dimParam: 'batch' }, { dimValue: 3 }, { dimValue: 8 }, { dimValue: 8 }];
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'yolo-perf-gate-test',
    graph: {
      name: 'dynamic',
      node: [{ opType: 'Relu', name: '/model.0/act/Relu', input: ['images'], output: ['output0'] }],
      input: [{ name: 'images', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
      output: [{ name: 'output0', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}

/** A one-node ONNX model (Relu) taking a single-channel image `images` [1, 1, 8, 8]. */
export function writeSingleChannelModel(path: string): void {
  const dims = [1, 1, 8, 8].map((d) => ({ dimValue: d }));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'yolo-perf-gate-test',
    graph: {
      name: 'grey',
      node: [{ opType: 'Relu', name: '/model.0/act/Relu', input: ['images'], output: ['output0'] }],
      input: [{ name: 'images', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
      output: [{ name: 'output0', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}
