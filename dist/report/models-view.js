import { escapeMarkdown as md } from './escape.js';
import { formatChange, formatMicros, formatMs } from '../util/format.js';
const CLASS_LABEL = { fp32: 'FP32', fp16: 'FP16', int8: 'INT8' };
function shares(s) {
    const parts = ['fp32', 'fp16', 'int8']
        .filter((k) => s[k] > 0)
        .sort((a, b) => s[b] - s[a])
        .map((k) => `${CLASS_LABEL[k]} ${s[k].toFixed(s[k] === 100 ? 0 : 1)}%`);
    return parts.length > 0 ? parts.join(' · ') : '–';
}
const dominantLabel = (p) => !p
    ? 'unknown'
    : p.dominant === 'fp32' || p.dominant === 'fp16' || p.dominant === 'int8'
        ? CLASS_LABEL[p.dominant]
        : p.dominant;
function profileOf(r) {
    const p = r.profile;
    return p && typeof p === 'object' && Array.isArray(p.modules) ? p : undefined;
}
/**
 * Each side's precision profile; the change between them; and a suggestion when the change made the
 * model slower on the provider it ran on (P50 regressed, or rose without a verdict either way).
 */
export function precisionSection(input) {
    const b = input.baseline.model.precision;
    const c = input.current.model.precision;
    if (!b && !c)
        return undefined;
    const bp = profileOf(input.baseline)?.precision;
    const cp = profileOf(input.current)?.precision;
    const rows = [
        { label: 'Precision', baseline: dominantLabel(b), current: dominantLabel(c) },
        {
            label: 'Weights of Conv/MatMul ops',
            baseline: b ? shares(b.computeShare) : '–',
            current: c ? shares(c.computeShare) : '–',
        },
        { label: 'Input type', baseline: md(b?.inputType ?? '–', 20), current: md(c?.inputType ?? '–', 20) },
        {
            label: 'Cast nodes in the model',
            baseline: String(b?.castNodes ?? '–'),
            current: String(c?.castNodes ?? '–'),
        },
        {
            label: 'Q/DQ nodes in the model',
            baseline: b ? `${b.quantizeNodes} / ${b.dequantizeNodes}` : '–',
            current: c ? `${c.quantizeNodes} / ${c.dequantizeNodes}` : '–',
        },
    ];
    if (bp || cp) {
        rows.push({
            label: 'Node time by precision (profile)',
            baseline: bp ? shares(bp.timeShare) : '–',
            current: cp ? shares(cp.timeShare) : '–',
        }, {
            label: 'Casts that ran (incl. inserted by onnxruntime)',
            baseline: bp ? `${bp.castNodes} (${formatMicros(bp.castUs)}, ${bp.castShare.toFixed(1)}%)` : '–',
            current: cp ? `${cp.castNodes} (${formatMicros(cp.castUs)}, ${cp.castShare.toFixed(1)}%)` : '–',
        });
    }
    const changed = (b?.dominant ?? 'unknown') !== (c?.dominant ?? 'unknown') || b?.inputType !== c?.inputType;
    const section = { rows, suggestions: [] };
    if (!changed)
        return section;
    section.change =
        `**Precision change**: ${dominantLabel(b)} → ${dominantLabel(c)}` +
            (b?.inputType !== c?.inputType
                ? ` (input ${md(b?.inputType ?? '?', 20)} → ${md(c?.inputType ?? '?', 20)})`
                : '');
    const p50 = input.comparison.metrics.find((m) => m.metric === 'p50');
    if (p50 && slower(p50))
        section.suggestions.push(slowerSuggestion(input, b, c, p50, cp));
    return section;
}
/** Slower: a P50 regression, or a rise that the verdict did not call an improvement or no change. */
function slower(m) {
    return m.verdict === 'regression' || (m.relativeChange > 0 && m.verdict === 'inconclusive');
}
function slowerSuggestion(input, b, c, p50, cp) {
    const provider = input.current.provider.actual;
    const from = dominantLabel(b);
    const to = dominantLabel(c);
    const evidence = `P50 ${formatMs(p50.baseline)} → ${formatMs(p50.current)} (${formatChange(p50.relativeChange)}) on ${md(provider, 40)}`;
    const casts = cp && cp.castNodes > 0
        ? `; ${cp.castNodes} Cast nodes ran, ${cp.castShare.toFixed(1)}% of node time`
        : '';
    let advice;
    if (c?.dominant === 'fp16' && provider === 'cpu') {
        advice =
            'The CPU provider has no float16 kernels for most operators: onnxruntime converts to float32 and back around them, so an FP16 model is slower on the CPU than the FP32 one. Keep FP32 (or INT8) for CPU deployments and ship FP16 to GPU providers (CUDA, TensorRT).';
    }
    else if (c?.dominant === 'int8' && provider === 'cpu') {
        advice =
            'QDQ models are fast on the CPU only when onnxruntime fuses the Q/DQ pairs into integer kernels (QLinearConv) and the CPU has fast int8 instructions (VNNI); otherwise the Quantize/Dequantize nodes are extra work. Check the per-operator table for QuantizeLinear/DequantizeLinear time.';
    }
    else if (c?.dominant === 'int8') {
        advice = `On ${md(provider, 40)} a QDQ model may run its convolutions in float after dequantizing; INT8 pays off with TensorRT's explicit quantization.`;
    }
    else {
        advice = `The ${from} → ${to} change did not pay off on ${md(provider, 40)}; benchmark the precision on the provider you deploy to before merging.`;
    }
    return {
        title: `${md(from, 10)} → ${md(to, 10)} made the model slower on ${md(provider, 40)}`,
        text: `${advice} Evidence: ${evidence}${casts}.`,
    };
}
/**
 * Latency per input image, slowest (current P50) first, with the baseline's figure for the same file
 * name. Only when the current run was fed images.
 */
export function inputsSection(input) {
    const cur = input.current.imageInputs;
    if (!cur)
        return undefined;
    const base = new Map((input.baseline.imageInputs?.images ?? []).map((i) => [i.name, i]));
    const rows = [...cur.images]
        .sort((a, b) => (b.p50 ?? 0) - (a.p50 ?? 0))
        .slice(0, 15)
        .map((img) => {
        const old = base.get(img.name);
        const change = old?.p50 !== undefined && img.p50 !== undefined && old.p50 > 0
            ? formatChange(img.p50 / old.p50 - 1)
            : '–';
        return {
            name: md(img.name, 80),
            size: `${img.width}×${img.height}`,
            baseline: old?.p50 !== undefined ? formatMs(old.p50) : '–',
            current: img.p50 !== undefined ? `${formatMs(img.p50)} (P90 ${formatMs(img.p90 ?? img.p50)})` : '–',
            change,
        };
    });
    return {
        note: `${cur.count} image(s), cycled in file order: every image has the same number of samples (±1), so each weighs equally in the quantiles above.`,
        rows,
    };
}
function perInputText(node, names) {
    return node.perInputUs.map((us, i) => `${md(names[i] ?? `#${i}`, 40)} ${formatMicros(us)}`).join(' · ');
}
/** Nodes whose work depends on the image (NMS and what follows NonZero), with their time per image. */
export function inputDependentSection(input) {
    const p = profileOf(input.current);
    if (!p?.inputDependent?.length || !p.inputs)
        return undefined;
    const names = p.inputs.names;
    return {
        note: 'Data-dependent work (tensor sizes change with the image): its cost is what random inputs never show. Median per image over the profiled runs.',
        rows: p.inputDependent.map((n) => ({
            name: md(n.name, 80),
            op: md(n.opType, 40),
            module: md(n.module, 30),
            median: formatMicros(n.medianUs),
            range: `${formatMicros(n.minUs)} – ${formatMicros(n.maxUs)}`,
            perInput: perInputText(n, names),
        })),
    };
}
/** All three sections; absent ones are left out. */
export function modelsView(input) {
    const precision = precisionSection(input);
    const inputs = inputsSection(input);
    const inputDependent = inputDependentSection(input);
    return {
        ...(precision ? { precision } : {}),
        ...(inputs ? { inputs } : {}),
        ...(inputDependent ? { inputDependent } : {}),
    };
}
