/**
 * Precision variants of a generated graph, as the exports users ship produce them. Pure: rewrites the
 * node list of a {@link BuiltNetwork} and returns how its initializers are to be stored.
 *
 * - `fp16`: what Ultralytics' `half=True` export gives: every weight and activation in float16, the
 *   input and output too; a Cast where an op needs float32 (ONNX NonMaxSuppression takes float only).
 *   On a CPU provider onnxruntime adds its own Casts around the float16 ops it has no kernel for,
 *   which is why such a model is often slower there (the profile counts them).
 * - `int8`: the QDQ format of onnxruntime's `quantize_static` (Q/DQ pairs around float ops, which
 *   onnxruntime fuses into QLinearConv): weights symmetric int8 per output channel, biases int32,
 *   activations uint8 per tensor. Activation ranges come from the generator's own statistics
 *   (mean square of each tensor, range +-4 RMS), the calibration a real quantizer does with data.
 */
import { DataType, Scope, attr } from './onnx-graph.js';
export const PRECISIONS = ['fp32', 'fp16', 'int8'];
const NMS_ENTRY = '/model_output_0';
/** Rewrites `net`'s graph for `precision` (in place) and returns the encoding plan. */
export function applyPrecision(net, precision) {
    const hasNms = net.graph.nodes.some((n) => n.input?.includes(NMS_ENTRY));
    if (precision === 'fp16')
        return toFloat16(net, hasNms);
    if (precision === 'int8')
        return toQdq(net);
    return { inputType: DataType.FLOAT, outputType: DataType.FLOAT, float16: false };
}
function toFloat16(net, hasNms) {
    const g = net.graph;
    for (const node of g.nodes) {
        // Casts to float inside the network produce half in a half export; the NMS wrapper's stay float.
        if (node.opType !== 'Cast' || !node.name?.startsWith('/model.'))
            continue;
        for (const a of node.attribute ?? [])
            if (a.name === 'to' && a.i === DataType.FLOAT)
                a.i = DataType.FLOAT16;
    }
    if (hasNms) {
        const [cast] = g.node(Scope.root(), 'Cast', [NMS_ENTRY], [attr.int('to', DataType.FLOAT)]);
        const castNode = g.nodes.pop();
        const at = g.nodes.findIndex((n) => n.input?.includes(NMS_ENTRY));
        for (const n of g.nodes)
            n.input = n.input?.map((i) => (i === NMS_ENTRY ? cast : i)) ?? [];
        g.nodes.splice(at, 0, castNode);
    }
    return {
        inputType: DataType.FLOAT16,
        outputType: hasNms ? DataType.FLOAT : DataType.FLOAT16,
        float16: true,
    };
}
/** uint8 activation quantization parameters for a tensor of mean square `ms` (range +-4 RMS). */
function activationParams(name, ms) {
    // The input image is scaled to [0, 1]: the exact uint8 grid of the source pixels.
    if (name === 'images')
        return { scale: 1 / 255, zeroPoint: 0 };
    const range = 4 * Math.sqrt(ms ?? 0.1);
    return { scale: (2 * range) / 255, zeroPoint: 128 };
}
function toQdq(net) {
    const g = net.graph;
    const floats = new Set(g.floatInitializers.map((i) => i.name));
    const quantize = new Map();
    const dequantized = new Map();
    const scales = new Map();
    const nodes = [...g.nodes];
    g.nodes.length = 0;
    const add = (name, opType, input, output, attrs = []) => g.nodes.push({ name, opType, input, output: [output], attribute: attrs });
    /** A Q/DQ pair on activation `x` (once per tensor, as quantize_static does). */
    const qdq = (x) => {
        const known = dequantized.get(x);
        if (known)
            return known;
        // Already the output of one of our DequantizeLinear nodes: feed it as it is.
        if (scales.has(x))
            return x;
        const p = activationParams(x, net.msEstimates.get(x));
        scales.set(x, p.scale);
        const scale = g.typedConst(`${x}_scale`, [], DataType.FLOAT, Float32Array.of(p.scale));
        const zp = g.typedConst(`${x}_zero_point`, [], DataType.UINT8, Uint8Array.of(p.zeroPoint));
        add(`${x}_QuantizeLinear`, 'QuantizeLinear', [x, scale, zp], `${x}_quantized`);
        add(`${x}_DequantizeLinear`, 'DequantizeLinear', [`${x}_quantized`, scale, zp], `${x}_dequantized`);
        dequantized.set(x, `${x}_dequantized`);
        scales.set(`${x}_dequantized`, p.scale);
        return `${x}_dequantized`;
    };
    const rename = new Map();
    for (const node of nodes) {
        node.input = (node.input ?? []).map((i) => rename.get(i) ?? i);
        const [x, w, b] = node.input;
        const quantizable = node.opType === 'Conv' && x && w && b && floats.has(w) && floats.has(b);
        if (!quantizable) {
            g.nodes.push(node);
            continue;
        }
        const xq = qdq(x);
        quantize.set(w, { kind: 'weight' });
        quantize.set(b, { kind: 'bias', weight: w, inputScale: scales.get(xq) });
        const perChannel = [attr.int('axis', 0)];
        add(`${w}_DequantizeLinear`, 'DequantizeLinear', [`${w}_quantized`, `${w}_scale`, `${w}_zero_point`], `${w}_dequantized`, perChannel);
        add(`${b}_DequantizeLinear`, 'DequantizeLinear', [`${b}_quantized`, `${b}_scale`, `${b}_zero_point`], `${b}_dequantized`, perChannel);
        node.input = [xq, `${w}_dequantized`, `${b}_dequantized`];
        g.nodes.push(node);
        // Q/DQ on the output too, so onnxruntime can fuse DQ -> Conv -> Q into one QLinearConv.
        const y = node.output[0];
        rename.set(y, qdq(y));
    }
    if (rename.has('output0'))
        throw new Error('int8: the graph output must not be a Conv output');
    return { inputType: DataType.FLOAT, outputType: DataType.FLOAT, float16: false, quantize };
}
