/**
 * Every field the verdict compares. Breaking: what changes latency by itself (the hardware, the
 * software that runs the model, the execution provider, the session settings). Reported only: the
 * OS release, Node.js version, total RAM and descriptive GPU fields.
 */
export const ENVIRONMENT_FIELDS = [
    { field: 'hardwareClass', label: 'Hardware class', breaksComparability: true },
    { field: 'cpuModel', label: 'CPU', breaksComparability: true },
    { field: 'logicalCpus', label: 'Logical CPUs', breaksComparability: true },
    { field: 'arch', label: 'Architecture', breaksComparability: true },
    { field: 'onnxruntime', label: 'onnxruntime', breaksComparability: true },
    { field: 'executionProvider', label: 'Execution provider', breaksComparability: true },
    { field: 'intraOpThreads', label: 'Intra-op threads', breaksComparability: true },
    { field: 'interOpThreads', label: 'Inter-op threads', breaksComparability: true },
    { field: 'graphOptimizationLevel', label: 'Graph optimisation', breaksComparability: true },
    { field: 'webgpuAdapter', label: 'WebGPU adapter', breaksComparability: true },
    { field: 'os', label: 'OS', breaksComparability: false },
    { field: 'node', label: 'Node.js', breaksComparability: false },
    { field: 'totalMemoryBytes', label: 'Memory', breaksComparability: false, unit: 'bytes' },
    { field: 'gpu', label: 'GPU', breaksComparability: true },
    { field: 'gpu.name', label: 'GPU', breaksComparability: true },
    { field: 'gpu.model', label: 'GPU model', breaksComparability: true },
    { field: 'gpu.driverVersion', label: 'GPU driver', breaksComparability: true },
    { field: 'gpu.cudaVersion', label: 'CUDA', breaksComparability: true },
    { field: 'gpu.cudaDriverVersion', label: 'CUDA driver', breaksComparability: true },
    { field: 'gpu.computeCapability', label: 'Compute capability', breaksComparability: true },
    { field: 'gpu.memoryTotalBytes', label: 'GPU memory', breaksComparability: true, unit: 'bytes' },
    { field: 'gpu.powerLimitWatts', label: 'GPU power limit', breaksComparability: true, unit: 'watts' },
    { field: 'gpu.migEnabled', label: 'MIG', breaksComparability: true },
];
const CATALOGUE = new Map(ENVIRONMENT_FIELDS.map((f) => [f.field, f]));
/** The catalogue entry of a field; fields not listed are reported and do not break comparability. */
export function environmentField(field) {
    return CATALOGUE.get(field) ?? { field, label: field, breaksComparability: false };
}
function text(v) {
    if (v === undefined || v === null)
        return '(absent)';
    return typeof v === 'string' ? v : JSON.stringify(v);
}
/** Every difference between two environment fingerprints, each marked breaking or not by the catalogue. */
export function environmentDifferences(baseline, current) {
    const out = [];
    const add = (field, a, b) => {
        const [va, vb] = [text(a), text(b)];
        if (va !== vb)
            out.push({ field, baseline: va, current: vb, ...pick(environmentField(field)) });
    };
    const a = baseline.environment;
    const b = current.environment;
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => k !== 'gpu')) {
        add(key, a[key], b[key]);
    }
    const ga = a.gpu;
    const gb = b.gpu;
    if (ga && gb) {
        for (const key of [...new Set([...Object.keys(ga), ...Object.keys(gb)])])
            add(`gpu.${key}`, ga[key], gb[key]);
    }
    else if (ga || gb)
        add('gpu', ga ? 'present' : undefined, gb ? 'present' : undefined);
    return out;
}
function pick(f) {
    return { breaksComparability: f.breaksComparability };
}
