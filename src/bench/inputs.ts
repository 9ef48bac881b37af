import * as ort from 'onnxruntime-node';
import { UsageError } from '../util/errors.js';

/** One model input as the benchmark feeds it: the resolved, fully numeric shape. */
export interface ResolvedInput {
  name: string;
  dtype: ort.Tensor.Type;
  shape: number[];
}

/** The parts of a session's input metadata we read (onnxruntime-common's TensorValueMetadata). */
export type InputMetadata = readonly ort.InferenceSession.ValueMetadata[];

/**
 * Resolves every input's shape from the model's own metadata. Symbolic or unknown dimensions
 * (`'batch'`, `-1`) are taken from `dims` (keyed by the symbol name, e.g. `{ batch: 1 }`);
 * an unresolved one is a usage error naming the input, the dimension and the option to set.
 */
export function resolveInputs(metadata: InputMetadata, dims: Record<string, number> = {}): ResolvedInput[] {
  return metadata.map((meta) => {
    if (!meta.isTensor) {
      throw new UsageError(`model input "${meta.name}": not a tensor; only tensor inputs can be benchmarked`);
    }
    const shape = meta.shape.map((dim, axis) => {
      if (typeof dim === 'number' && dim > 0) return dim;
      const symbol = typeof dim === 'string' && dim !== '' ? dim : `${meta.name}[${axis}]`;
      const value = dims[symbol];
      if (value === undefined) {
        throw new UsageError(
          `model input "${meta.name}": dimension ${axis} is dynamic ("${symbol}"); set it with --dim ${symbol}=N`,
        );
      }
      return value;
    });
    return { name: meta.name, dtype: meta.type, shape };
  });
}

/**
 * Deterministic input data: a fixed pseudo-random pattern in [0, 1) for float inputs (like a
 * normalised image) and small integers otherwise. Values are irrelevant to latency for
 * convolutional detectors, but all-zero inputs could hit special fast paths, so we avoid them.
 */
export function createInputFeeds(inputs: readonly ResolvedInput[], seed = 1): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const size = input.shape.reduce((a, b) => a * b, 1);
    feeds[input.name] = new ort.Tensor(input.dtype, fillPattern(input.dtype, size, seed), input.shape);
  }
  return feeds;
}

function fillPattern(dtype: ort.Tensor.Type, size: number, seed: number): ort.Tensor.DataType {
  // A 32-bit LCG (Numerical Recipes constants): cheap, deterministic, good enough for filler data.
  let state = seed >>> 0 || 1;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  switch (dtype) {
    case 'float32': {
      const data = new Float32Array(size);
      for (let i = 0; i < size; i++) data[i] = next();
      return data;
    }
    case 'float64': {
      const data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = next();
      return data;
    }
    case 'float16': {
      // IEEE half bit patterns for values in [0, 1): exponent 0..14, random mantissa.
      const data = new Uint16Array(size);
      for (let i = 0; i < size; i++) data[i] = ((Math.floor(next() * 15) << 10) | Math.floor(next() * 1024)) & 0x7fff;
      return data;
    }
    case 'uint8': {
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = Math.floor(next() * 256);
      return data;
    }
    case 'int8': {
      const data = new Int8Array(size);
      for (let i = 0; i < size; i++) data[i] = Math.floor(next() * 256) - 128;
      return data;
    }
    case 'int32': {
      const data = new Int32Array(size);
      for (let i = 0; i < size; i++) data[i] = Math.floor(next() * 16);
      return data;
    }
    case 'int64': {
      const data = new BigInt64Array(size);
      for (let i = 0; i < size; i++) data[i] = BigInt(Math.floor(next() * 16));
      return data;
    }
    case 'bool': {
      const data = new Uint8Array(size);
      for (let i = 0; i < size; i++) data[i] = next() < 0.5 ? 1 : 0;
      return data;
    }
    default:
      throw new UsageError(`model input dtype "${dtype}" is not supported by the benchmark`);
  }
}
