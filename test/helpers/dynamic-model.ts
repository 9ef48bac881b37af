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
  writeReluModel(path, [1, 1, 8, 8], 'grey', '/model.0/act/Relu');
}

/** A one-node model (Relu) whose input and output declare a static shape, e.g. an absurd one. */
export function writeStaticShapeModel(path: string, shape: number[]): void {
  writeReluModel(path, shape, 'static', 'relu');
}

function writeReluModel(path: string, shape: readonly number[], graphName: string, nodeName: string): void {
  const dims = shape.map((d) => ({ dimValue: d }));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'yolo-perf-gate-test',
    graph: {
      name: graphName,
      node: [{ opType: 'Relu', name: nodeName, input: ['images'], output: ['output0'] }],
      input: [{ name: 'images', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
      output: [{ name: 'output0', type: { tensorType: { elemType: 1, shape: { dim: dims } } } }],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}

/** A one-node model (Relu) whose input `images` declares `dims`: numbers, or symbols for dynamic ones. */
export function writeReluModelWithDims(path: string, dims: readonly (number | string)[]): void {
  const shape = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  const model = onnx.ModelProto.create({
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    producerName: 'yolo-perf-gate-test',
    graph: {
      name: 'dims',
      node: [{ opType: 'Relu', name: 'relu', input: ['images'], output: ['output0'] }],
      input: [{ name: 'images', type: { tensorType: { elemType: 1, shape: { dim: shape } } } }],
      output: [{ name: 'output0', type: { tensorType: { elemType: 1, shape: { dim: shape } } } }],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
}
