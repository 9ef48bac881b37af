/**
 * A small ONNX graph builder: nodes named the way `torch.onnx.export` names them for an
 * Ultralytics model (`/model.2/m.0/cv1/conv/Conv`), initializers described first and filled
 * later, so FLOPs and parameter counts can be computed without allocating weights.
 */
import { Float16Array } from '@petamoriken/float16';
import onnxPkg from 'onnx-proto';
import { xoroshiro128plus } from 'pure-rand';

const { onnx } = onnxPkg;

/** ONNX TensorProto data types we emit. */
export const DataType = { FLOAT: 1, UINT8: 2, INT8: 3, INT32: 6, INT64: 7, FLOAT16: 10 } as const;
const FLOAT = DataType.FLOAT;
const INT64 = DataType.INT64;

/**
 * Where a module sits in the model, as torch's ONNX exporter names it.
 *
 * `qual` is the parameter path (`model.22.cv2.0.0`). `levels` are the node-name scopes: each level is
 * the qualified name relative to the nearest enclosing module that is not a container, because the
 * exporter does not count `nn.Sequential`/`nn.ModuleList` as name bases. That is why real exports read
 * `/model.22/cv2.0/cv2.0.0/conv/Conv` and `/model.10/m/m.0/attn/...` rather than `.../0/conv/Conv`.
 */
export class Scope {
  private constructor(
    readonly levels: readonly string[],
    readonly qual: string,
    private readonly base: string,
  ) {}

  /** The model's own scope: nodes named `/<op>` (an export wrapper's post-processing). */
  static root(): Scope {
    return new Scope([], '', '');
  }

  /** The scope of top-level layer `index` (`model.<index>`). */
  static layer(index: number): Scope {
    const q = `model.${index}`;
    return new Scope([q], q, q);
  }

  /**
   * A child module reached through attribute path `attr` (`cv1`, `m.0`, `cv2.0`).
   * @param container true for nn.Sequential/nn.ModuleList: its children are named relative to our base.
   */
  child(attr: string, container = false): Scope {
    const q = `${this.qual}.${attr}`;
    const level = q.slice(this.base.length + 1);
    return new Scope([...this.levels, level], q, container ? this.base : q);
  }

  /** A scope that differs only in its node-name level, for a module called more than once (`m`, `m_1`). */
  withLastLevel(level: string): Scope {
    return new Scope([...this.levels.slice(0, -1), level], this.qual, this.base);
  }

  /** `/model.2/m.0`; empty for the root scope. */
  get path(): string {
    return this.levels.length === 0 ? '' : `/${this.levels.join('/')}`;
  }
}

/** How to fill a float initializer when the model is materialised. */
export type FloatFill =
  /**
   * Conv weights [cout, cin/groups, k, k], random, then each output channel's row scaled so that the
   * pre-activation mean square is `target` given the per-channel mean square `inMs` of the input: the
   * normalisation a BatchNorm folded into the conv performs on a trained model. Mean squares rather
   * than variances, so an error in an estimated mean cannot be amplified by a mean-cancelling bias.
   */
  | { kind: 'normalized-conv'; inMs: Float64Array; groups: number; target: number }
  /** Uniform in [center - halfWidth, center + halfWidth]: a BatchNorm-folded shift. */
  | { kind: 'uniform'; center: number; halfWidth: number }
  /** Fixed values (DFL arange weights, anchors, strides, scales). */
  | { kind: 'data'; data: Float32Array };

interface FloatInit {
  name: string;
  dims: number[];
  fill: FloatFill;
  /** Stays float32 in an FP16 model (Resize scales, NMS thresholds: ONNX requires float there). */
  keepFloat32?: boolean;
}

/**
 * How {@link GraphBuilder.materialize} stores one float initializer in an INT8 (QDQ) model:
 * - `weight`: symmetric int8 per output channel (axis 0), zero points 0, written as
 *   `<name>_quantized`, `<name>_scale`, `<name>_zero_point` (onnxruntime's quantize_static naming);
 * - `bias`: int32 with scale `inputScale * weightScale[c]` per channel, the rule of QLinearConv.
 */
export type QuantSpec = { kind: 'weight' } | { kind: 'bias'; weight: string; inputScale: number };

/** How floats are stored: float32, float16, or (for the initializers listed) quantized. */
export interface MaterializeOptions {
  float16?: boolean;
  quantize?: ReadonlyMap<string, QuantSpec>;
}

interface IntInit {
  name: string;
  dims: number[];
  data: BigInt64Array;
}

export type Attr = onnxPkg.onnx.IAttributeProto;

/** Attribute helpers: ONNX needs the type tag next to the value. */
export const attr = {
  int: (name: string, i: number): Attr => ({ name, type: onnx.AttributeProto.AttributeType.INT, i }),
  ints: (name: string, ints: number[]): Attr => ({
    name,
    type: onnx.AttributeProto.AttributeType.INTS,
    ints,
  }),
  float: (name: string, f: number): Attr => ({ name, type: onnx.AttributeProto.AttributeType.FLOAT, f }),
  string: (name: string, s: string): Attr => ({
    name,
    type: onnx.AttributeProto.AttributeType.STRING,
    s: new TextEncoder().encode(s),
  }),
};

/** Builds the node list and initializer descriptions of one graph. */
export class GraphBuilder {
  readonly nodes: onnxPkg.onnx.INodeProto[] = [];
  private readonly floatInits: FloatInit[] = [];
  private readonly intInits: IntInit[] = [];
  private readonly typedInits: { name: string; dims: number[]; dataType: number; data: ArrayBufferView }[] =
    [];
  private readonly usedNames = new Map<string, number>();
  private readonly nodeNames = new Set<string>();

  /** `base`, then `base_1`, `base_2`, ... as the exporter numbers repeated ops in one scope. */
  uniqueName(base: string): string {
    const n = this.usedNames.get(base) ?? 0;
    this.usedNames.set(base, n + 1);
    return n === 0 ? base : `${base}_${n}`;
  }

  /**
   * Appends a node named `<scope>/<op>[_k]` and returns its output value names
   * (`<node>_output_<i>`, the exporter's convention).
   * @param name explicit node name, for the few places where we copy the exporter's numbering exactly.
   */
  node(
    scope: Scope,
    opType: string,
    inputs: string[],
    attrs: Attr[] = [],
    outputs = 1,
    name?: string,
  ): string[] {
    const nodeName = name ?? this.uniqueName(`${scope.path}/${opType}`);
    // Explicit names bypass the counter, so guard against a clash that would make the graph invalid.
    if (this.nodeNames.has(nodeName)) throw new Error(`duplicate node name ${nodeName}`);
    this.nodeNames.add(nodeName);
    const outs = Array.from({ length: outputs }, (_, i) => `${nodeName}_output_${i}`);
    this.nodes.push({ name: nodeName, opType, input: inputs, output: outs, attribute: attrs });
    return outs;
  }

  /** Declares a float initializer; its values are generated by {@link materialize}. */
  floatInit(name: string, dims: number[], fill: FloatFill, keepFloat32 = false): string {
    this.floatInits.push({ name, dims, fill, ...(keepFloat32 ? { keepFloat32 } : {}) });
    return name;
  }

  /** A float constant named like the exporter's folded constants (`/model.10/Constant_output_0`). */
  floatConst(scope: Scope, dims: number[], data: Float32Array, keepFloat32 = false): string {
    return this.floatInit(
      `${this.uniqueName(`${scope.path}/Constant`)}_output_0`,
      dims,
      { kind: 'data', data },
      keepFloat32,
    );
  }

  /** Names of the float initializers that stay float32 in an FP16 model. */
  get float32Names(): Set<string> {
    return new Set(this.floatInits.filter((i) => i.keepFloat32).map((i) => i.name));
  }

  /** Names and shapes of the declared float initializers, in declaration order. */
  get floatInitializers(): readonly { name: string; dims: readonly number[] }[] {
    return this.floatInits;
  }

  /** A constant of another element type (quantization scales' zero points, ...), stored as given. */
  typedConst(name: string, dims: number[], dataType: number, data: ArrayBufferView): string {
    this.typedInits.push({ name, dims, dataType, data });
    return name;
  }

  /** An int64 constant (shapes, split sizes, slice bounds). */
  intConst(scope: Scope, values: number[]): string {
    const name = `${this.uniqueName(`${scope.path}/Constant`)}_output_0`;
    this.intInits.push({
      name,
      dims: [values.length],
      data: BigInt64Array.from(values.map((v) => BigInt(v))),
    });
    return name;
  }

  /** A scalar int64 constant (a Gather index, a count). */
  intScalar(scope: Scope, value: number): string {
    const name = `${this.uniqueName(`${scope.path}/Constant`)}_output_0`;
    this.intInits.push({ name, dims: [], data: BigInt64Array.of(BigInt(value)) });
    return name;
  }

  /** Count of float initializers; used by tests and summaries. */
  get initializerCount(): number {
    return this.floatInits.length + this.intInits.length;
  }

  /**
   * Generates every initializer's values and returns TensorProtos.
   * Each tensor has its own generator seeded from (seed, name), so a variant that adds blocks keeps the
   * weights of every layer it shares with the base model, and generation order does not matter.
   */
  materialize(seed: number, options: MaterializeOptions = {}): onnxPkg.onnx.ITensorProto[] {
    const out: onnxPkg.onnx.ITensorProto[] = [];
    const weightScales = new Map<string, Float32Array>();
    const push = (name: string, dims: number[], dataType: number, data: ArrayBufferView) =>
      out.push({ name, dims, dataType, rawData: littleEndianBytes(data) });
    for (const init of this.floatInits) {
      const data = fillFloats(init, tensorSeed(seed, init.name));
      const spec = options.quantize?.get(init.name);
      if (spec?.kind === 'weight') {
        const { q, scales } = quantizeWeightPerChannel(data, init.dims[0]!);
        weightScales.set(init.name, scales);
        push(`${init.name}_quantized`, init.dims, DataType.INT8, q);
        push(`${init.name}_scale`, [scales.length], FLOAT, scales);
        push(`${init.name}_zero_point`, [scales.length], DataType.INT8, new Int8Array(scales.length));
      } else if (spec?.kind === 'bias') {
        const ws = weightScales.get(spec.weight);
        if (!ws) throw new Error(`${init.name}: weight ${spec.weight} must be quantized before its bias`);
        const scales = ws.map((w) => w * spec.inputScale);
        const q = Int32Array.from(data, (v, c) => Math.round(v / scales[c]!));
        push(`${init.name}_quantized`, init.dims, DataType.INT32, q);
        push(`${init.name}_scale`, [scales.length], FLOAT, scales);
        push(`${init.name}_zero_point`, [scales.length], DataType.INT32, new Int32Array(scales.length));
      } else if (options.float16 && !init.keepFloat32) {
        push(init.name, init.dims, DataType.FLOAT16, new Uint16Array(new Float16Array(data).buffer));
      } else {
        push(init.name, init.dims, FLOAT, data);
      }
    }
    for (const init of this.intInits) push(init.name, init.dims, INT64, init.data);
    for (const init of this.typedInits) push(init.name, init.dims, init.dataType, init.data);
    return out;
  }
}

/**
 * Symmetric per-output-channel int8 quantization (scale = max |w| / 127, zero point 0): the weight
 * scheme of onnxruntime's quantize_static with per_channel=True and of TensorRT's explicit quantization.
 */
function quantizeWeightPerChannel(
  data: Float32Array,
  channels: number,
): { q: Int8Array; scales: Float32Array } {
  const per = data.length / channels;
  const q = new Int8Array(data.length);
  const scales = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    let max = 0;
    for (let j = 0; j < per; j++) max = Math.max(max, Math.abs(data[c * per + j]!));
    const scale = max > 0 ? max / 127 : 1;
    scales[c] = scale;
    for (let j = 0; j < per; j++)
      q[c * per + j] = Math.max(-127, Math.min(127, Math.round(data[c * per + j]! / scale)));
  }
  return { q, scales };
}

/** FNV-1a over `seed:name`: a stable 32-bit seed per tensor. */
function tensorSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  const s = `${seed}:${name}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

function fillFloats(init: FloatInit, seed: number): Float32Array {
  const { fill, dims } = init;
  const count = dims.reduce((a, b) => a * b, 1);
  if (fill.kind === 'data') {
    if (fill.data.length !== count)
      throw new Error(`${init.name}: constant has ${fill.data.length} values, expected ${count}`);
    return fill.data;
  }
  const rng = xoroshiro128plus(seed);
  const uniform = () => (rng.unsafeNext() >>> 0) / 2147483648 - 1; // [-1, 1)
  const data = new Float32Array(count);
  const cout = dims[0]!;
  if (fill.kind === 'normalized-conv') {
    const rowLen = count / cout; // cin/groups * k * k
    const kk = dims[2]! * dims[3]!;
    const cinPerGroup = dims[1]!;
    const coutPerGroup = cout / fill.groups;
    for (let i = 0; i < count; i++) data[i] = uniform();
    for (let c = 0; c < cout; c++) {
      const firstIn = Math.floor(c / coutPerGroup) * cinPerGroup;
      let variance = 0;
      for (let j = 0; j < rowLen; j++) {
        const w = data[c * rowLen + j]!;
        variance += w * w * fill.inMs[firstIn + Math.floor(j / kk)]!;
      }
      const scale = Math.sqrt(fill.target / Math.max(variance, 1e-12));
      for (let j = 0; j < rowLen; j++) data[c * rowLen + j]! *= scale;
    }
    return data;
  }
  for (let i = 0; i < count; i++) data[i] = fill.center + fill.halfWidth * uniform();
  return data;
}

/** ONNX raw_data is little-endian; copy only when the platform is not. */
function littleEndianBytes(data: ArrayBufferView): Uint8Array {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) return bytes;
  const copy = new Uint8Array(bytes);
  const width = (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
  for (let i = 0; i < copy.length; i += width) copy.subarray(i, i + width).reverse();
  return copy;
}

/** A tensor type with a static shape (float32 unless `elemType` says otherwise). */
export function tensorType(dims: number[], elemType: number = FLOAT): onnxPkg.onnx.ITypeProto {
  return { tensorType: { elemType, shape: { dim: dims.map((d) => ({ dimValue: d })) } } };
}

/** Encodes a complete model (IR 8, opset 17: what onnxruntime 1.29 and Ultralytics exports use). */
export function encodeModel(args: {
  graph: GraphBuilder;
  seed: number;
  input: { name: string; dims: number[]; elemType?: number };
  output: { name: string; dims: number[]; elemType?: number };
  producerVersion: string;
  metadata: Record<string, string>;
  materialize?: MaterializeOptions;
}): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'yolo-perf-gate',
    producerVersion: args.producerVersion,
    opsetImport: [{ domain: '', version: 17 }],
    metadataProps: Object.entries(args.metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: 'main_graph',
      node: args.graph.nodes,
      initializer: args.graph.materialize(args.seed, args.materialize),
      input: [{ name: args.input.name, type: tensorType(args.input.dims, args.input.elemType) }],
      output: [{ name: args.output.name, type: tensorType(args.output.dims, args.output.elemType) }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
