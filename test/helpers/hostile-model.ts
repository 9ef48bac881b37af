import { readFileSync, writeFileSync } from 'node:fs';
import onnxPkg from 'onnx-proto';

const { onnx } = onnxPkg;

/**
 * Copies an ONNX model with some node names replaced (by node index), e.g. to put quotes, line
 * breaks, mentions or HTML into the names onnxruntime's profiler and our reports show. Returns the
 * original names of the renamed nodes.
 */
export function writeRenamedModel(from: string, to: string, names: Record<number, string>): string[] {
  const model = onnx.ModelProto.decode(readFileSync(from));
  const nodes = model.graph?.node ?? [];
  const original: string[] = [];
  for (const [index, name] of Object.entries(names)) {
    const node = nodes[Number(index)];
    if (!node) throw new Error(`the model has no node ${index}`);
    original.push(node.name ?? '');
    node.name = name;
  }
  writeFileSync(to, onnx.ModelProto.encode(model).finish());
  return original;
}
