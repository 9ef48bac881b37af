/**
 * What an ONNX file says about its numeric precision (pure: bytes in, data out). Used for any model,
 * generated or not, so the report can name a precision change between two sides.
 *
 * Each op with weights (Conv, ConvTranspose, MatMul, Gemm and their quantized forms) is classed by
 * its weight: a float initializer (FP32), a float16 initializer (FP16), or int8/uint8 data, directly
 * (QLinearConv, ConvInteger, ...) or through a DequantizeLinear (QDQ) (INT8). Shares are by weight
 * element count, a static stand-in for compute that needs no shape inference; the profile gives the
 * runtime share by node time.
 */
import onnxPkg from 'onnx-proto';
import type { PrecisionProfile } from '../schema/result.js';

const { onnx } = onnxPkg;

const WEIGHTED_OPS = new Set(['Conv', 'ConvTranspose', 'MatMul', 'Gemm']);
const INTEGER_OPS = new Set(['QLinearConv', 'QLinearMatMul', 'ConvInteger', 'MatMulInteger']);
/** TensorProto element types. */
const T = { FLOAT: 1, UINT8: 2, INT8: 3, FLOAT16: 10, DOUBLE: 11, BFLOAT16: 16 } as const;
/** ONNX TensorProto element types by number, named as onnxruntime-node names tensor types. */
export const ONNX_ELEMENT_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'float32',
  2: 'uint8',
  3: 'int8',
  6: 'int32',
  7: 'int64',
  9: 'bool',
  10: 'float16',
  11: 'float64',
  16: 'bfloat16',
};

type Cls = 'fp32' | 'fp16' | 'int8' | 'other';

function classOf(dataType: number | undefined): Cls {
  if (dataType === T.FLOAT || dataType === T.DOUBLE) return 'fp32';
  if (dataType === T.FLOAT16 || dataType === T.BFLOAT16) return 'fp16';
  if (dataType === T.INT8 || dataType === T.UINT8) return 'int8';
  return 'other';
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * The precision profile of an ONNX model.
 * @throws Error when the bytes are not an ONNX model (callers have already checked that).
 */
export function inspectPrecision(bytes: Uint8Array): PrecisionProfile {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  const inits = new Map((graph?.initializer ?? []).map((t) => [t.name ?? '', t]));
  const producer = new Map<string, onnxPkg.onnx.INodeProto>();
  for (const n of graph?.node ?? []) for (const o of n.output ?? []) producer.set(o, n);
  const elements = (t: onnxPkg.onnx.ITensorProto) =>
    (t.dims ?? []).reduce<number>((a, d) => a * Number(d), 1);

  const weights: Record<Cls, number> = { fp32: 0, fp16: 0, int8: 0, other: 0 };
  const counts = { cast: 0, quantize: 0, dequantize: 0 };
  for (const node of graph?.node ?? []) {
    const op = node.opType ?? '';
    if (op === 'Cast') counts.cast++;
    if (op === 'QuantizeLinear' || op === 'DynamicQuantizeLinear') counts.quantize++;
    if (op === 'DequantizeLinear') counts.dequantize++;
    if (INTEGER_OPS.has(op)) {
      // QLinearConv(x, xs, xzp, w, ...), ConvInteger(x, w, ...): the weight's position differs.
      const w = inits.get(node.input?.[op.startsWith('QLinear') ? 3 : 1] ?? '');
      weights.int8 += w ? elements(w) : 0;
      continue;
    }
    if (!WEIGHTED_OPS.has(op)) continue;
    const wName = node.input?.[1] ?? '';
    const direct = inits.get(wName);
    if (direct) {
      weights[classOf(direct.dataType ?? undefined)] += elements(direct);
      continue;
    }
    const dq = producer.get(wName);
    const q = dq?.opType === 'DequantizeLinear' ? inits.get(dq.input?.[0] ?? '') : undefined;
    if (q) weights[classOf(q.dataType ?? undefined)] += elements(q);
  }
  const total = weights.fp32 + weights.fp16 + weights.int8;
  const share = (c: Cls) => (total > 0 ? round1((100 * weights[c]) / total) : 0);
  const computeShare = { fp32: share('fp32'), fp16: share('fp16'), int8: share('int8') };
  const top = (Object.entries(computeShare) as ['fp32' | 'fp16' | 'int8', number][]).sort(
    (a, b) => b[1] - a[1],
  )[0]!;
  const inputType = graph?.input?.[0]?.type?.tensorType?.elemType ?? undefined;
  return {
    dominant: total === 0 ? 'unknown' : top[1] >= 90 ? top[0] : 'mixed',
    computeShare,
    weightElements: total,
    castNodes: counts.cast,
    quantizeNodes: counts.quantize,
    dequantizeNodes: counts.dequantize,
    inputType:
      inputType !== undefined ? (ONNX_ELEMENT_TYPE_NAMES[inputType] ?? `type ${inputType}`) : 'unknown',
  };
}

/** A model input as the file declares it: numeric dimensions, or a symbol (or nothing) when dynamic. */
export interface DeclaredInput {
  name: string;
  dims: (number | string | undefined)[];
  /** TensorProto element type (undefined when the input is not a tensor or does not say). */
  elemType?: number;
}

/**
 * The graph inputs of an ONNX file that are not initializers, with their declared dimensions, read
 * from the bytes (before any session exists).
 * @returns undefined when the bytes cannot be decoded (a session then says why in its own words).
 */
export function declaredInputs(bytes: Uint8Array): DeclaredInput[] | undefined {
  let graph: onnxPkg.onnx.IGraphProto | null | undefined;
  try {
    graph = onnx.ModelProto.decode(bytes).graph;
  } catch {
    return undefined;
  }
  const initializers = new Set((graph?.initializer ?? []).map((t) => t.name ?? ''));
  return (graph?.input ?? [])
    .filter((i) => !initializers.has(i.name ?? ''))
    .map((i) => {
      const tensor = i.type?.tensorType;
      return {
        name: i.name ?? '',
        dims: (tensor?.shape?.dim ?? []).map((d) =>
          d.dimValue !== undefined && d.dimValue !== null && Number(d.dimValue) > 0
            ? Number(d.dimValue)
            : d.dimParam || undefined,
        ),
        ...(tensor?.elemType ? { elemType: tensor.elemType } : {}),
      };
    });
}
