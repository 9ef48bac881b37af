import * as ort from 'onnxruntime-node';
import { UsageError } from '../util/errors.js';
/**
 * Most elements one input (or pre-allocated output) may have: 2^30, i.e. 4 GiB of float32. A YOLO
 * input at batch 64 and 1280 pixels has 315M; a model declaring more (1x3x100000x100000) or a
 * `--dim` that large cannot be fed on any runner, and asking for it would only fail deep inside
 * the typed-array allocation.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 30;
function checkElementCount(what, shape, fromDims) {
    const elements = shape.reduce((a, b) => a * b, 1);
    if (elements <= MAX_TENSOR_ELEMENTS)
        return;
    const source = fromDims.length > 0
        ? `; lower ${fromDims.map((d) => `--dim ${d}`).join(', ')}`
        : ' (as the model declares it)';
    throw new UsageError(`${what}: shape [${shape.join(',')}] has ${elements.toLocaleString('en-US')} elements, more than the ${MAX_TENSOR_ELEMENTS.toLocaleString('en-US')} the benchmark can allocate${source}`);
}
/**
 * Resolves every input's shape from the model's own metadata. Symbolic or unknown dimensions
 * (`'batch'`, `-1`) are taken from `dims` (keyed by the symbol name, e.g. `{ batch: 1 }`);
 * an unresolved one is a usage error naming the input, the dimension and the option to set.
 */
export function resolveInputs(metadata, dims = {}) {
    return metadata.map((meta) => {
        if (!meta.isTensor) {
            throw new UsageError(`model input "${meta.name}": not a tensor; only tensor inputs can be benchmarked`);
        }
        const fromDims = [];
        const shape = meta.shape.map((dim, axis) => {
            if (typeof dim === 'number' && dim > 0)
                return dim;
            const symbol = typeof dim === 'string' && dim !== '' ? dim : `${meta.name}[${axis}]`;
            const value = dims[symbol];
            if (value === undefined) {
                throw new UsageError(`model input "${meta.name}": dimension ${axis} is dynamic ("${symbol}"); set it with --dim ${symbol}=N`);
            }
            fromDims.push(symbol);
            return value;
        });
        checkElementCount(`model input "${meta.name}"`, shape, fromDims);
        return { name: meta.name, dtype: meta.type, shape };
    });
}
/**
 * Deterministic input data: a fixed pseudo-random pattern in [0, 1) for float inputs (like a
 * normalised image) and small integers otherwise. Values are irrelevant to latency for
 * convolutional detectors, but all-zero inputs could hit special fast paths, so we avoid them.
 */
export function createInputFeeds(inputs, seed = 1) {
    const feeds = {};
    for (const input of inputs) {
        const size = input.shape.reduce((a, b) => a * b, 1);
        feeds[input.name] = new ort.Tensor(input.dtype, fillPattern(input.dtype, size, seed), input.shape);
    }
    return feeds;
}
function fillPattern(dtype, size, seed) {
    // A 32-bit LCG (Numerical Recipes constants): cheap, deterministic, good enough for filler data.
    let state = seed >>> 0 || 1;
    const next = () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
    switch (dtype) {
        case 'float32': {
            const data = new Float32Array(size);
            for (let i = 0; i < size; i++)
                data[i] = next();
            return data;
        }
        case 'float64': {
            const data = new Float64Array(size);
            for (let i = 0; i < size; i++)
                data[i] = next();
            return data;
        }
        case 'float16': {
            // IEEE half bit patterns for values in [0, 1): exponent 0..14, random mantissa.
            const data = new Uint16Array(size);
            for (let i = 0; i < size; i++)
                data[i] = ((Math.floor(next() * 15) << 10) | Math.floor(next() * 1024)) & 0x7fff;
            return data;
        }
        case 'uint8': {
            const data = new Uint8Array(size);
            for (let i = 0; i < size; i++)
                data[i] = Math.floor(next() * 256);
            return data;
        }
        case 'int8': {
            const data = new Int8Array(size);
            for (let i = 0; i < size; i++)
                data[i] = Math.floor(next() * 256) - 128;
            return data;
        }
        case 'int32': {
            const data = new Int32Array(size);
            for (let i = 0; i < size; i++)
                data[i] = Math.floor(next() * 16);
            return data;
        }
        case 'int64': {
            const data = new BigInt64Array(size);
            for (let i = 0; i < size; i++)
                data[i] = BigInt(Math.floor(next() * 16));
            return data;
        }
        case 'bool': {
            const data = new Uint8Array(size);
            for (let i = 0; i < size; i++)
                data[i] = next() < 0.5 ? 1 : 0;
            return data;
        }
        default:
            throw new UsageError(`model input dtype "${dtype}" is not supported by the benchmark`);
    }
}
const TYPED_ARRAYS = {
    float32: Float32Array,
    float64: Float64Array,
    float16: Uint16Array,
    int32: Int32Array,
    int64: BigInt64Array,
    uint8: Uint8Array,
    int8: Int8Array,
    bool: Uint8Array,
};
/**
 * Pre-allocated output tensors for outputs whose shape is fully static, so `run` writes into
 * the same buffers every time instead of allocating and copying fresh JS arrays: that work is
 * the binding's, not the model's, and would otherwise be timed. Undefined when any output is
 * dynamic or of an unsupported type (then onnxruntime allocates, as usual).
 */
export function preallocateOutputs(metadata) {
    const fetches = {};
    for (const meta of metadata) {
        if (!meta.isTensor)
            return undefined;
        const ctor = TYPED_ARRAYS[meta.type];
        if (!ctor || !meta.shape.every((d) => typeof d === 'number' && d > 0))
            return undefined;
        const shape = meta.shape;
        checkElementCount(`model output "${meta.name}"`, shape, []);
        fetches[meta.name] = new ort.Tensor(meta.type, new ctor(shape.reduce((a, b) => a * b, 1)), shape);
    }
    return fetches;
}
