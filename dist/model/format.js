import { variantLabel } from './options.js';
const thousands = (n) => n.toLocaleString('en-US');
/** `+5.1% FLOPs` (sign always shown, one decimal). */
export function formatFlopsIncrease(percent) {
    return `${percent >= 0 ? '+' : ''}${percent.toFixed(1)}% FLOPs`;
}
/**
 * A multi-line human summary of a generated model: architecture, input/output, parameters (fused and
 * unfused, with thousands separators), GFLOPs, the variant and its FLOPs increase, node and op counts.
 */
export function formatModelInfo(info) {
    const ops = Object.entries(info.opCounts)
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([op, n]) => `${op} ${n}`)
        .join(', ');
    const lines = [
        `Model:    ${info.arch} (${info.family}), ${info.numClasses} classes, seed ${info.seed}`,
        `Input:    images ${info.inputShape.join('x')} -> output0 ${info.outputShape.join('x')}`,
        `Params:   ${thousands(info.params.fused)} fused, ${thousands(info.params.unfused)} unfused (BatchNorm separate)`,
        `Compute:  ${info.gflops.toFixed(1)} GFLOPs at ${info.imgsz} (${thousands(info.flops)} FLOPs, 2 x conv MACs)`,
    ];
    if (info.training) {
        lines.push(`Training: ${thousands(info.training.params)} params, ${(info.training.flops / 1e9).toFixed(1)} GFLOPs with the one-to-many head an export drops`);
    }
    const precision = info.precision ?? 'fp32';
    lines.push(`Export:   ${precision}${precision === 'fp16' ? ' (half=True)' : precision === 'int8' ? ' (QDQ: int8 per-channel weights, uint8 per-tensor activations)' : ''}` +
        (info.nms
            ? `, NMS in the graph (conf ${info.nms.conf}, iou ${info.nms.iou}, max_det ${info.nms.maxDet})`
            : info.family === 'yolo26'
                ? ', end-to-end (top-k in the graph, no NMS)'
                : ', raw head output (NMS outside the model)'));
    if (info.variant) {
        const pct = info.flopsIncreasePercent ?? 0;
        const base = info.baseFlops !== undefined ? `, base ${(info.baseFlops / 1e9).toFixed(1)} GFLOPs` : '';
        lines.push(`Variant:  ${variantLabel(info.variant)} (${describe(info)}): ${formatFlopsIncrease(pct)}${base}`);
    }
    lines.push(`Graph:    ${thousands(info.nodeCount)} nodes (${ops})`);
    return lines.join('\n');
}
function describe(info) {
    const v = info.variant;
    const block = info.family === 'yolov8' ? 'C2f' : 'C3k2';
    return v.kind === 'extra-blocks'
        ? `${v.count} extra block${v.count === 1 ? '' : 's'} in ${block} layer ${v.layer}`
        : `${block} layer ${v.layer} hidden width x${v.factor}`;
}
