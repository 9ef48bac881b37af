/**
 * Aggregation of a parsed trace: per iteration, then per node, layer, module and operator type.
 * Pure.
 *
 * Method: every kept `model_run` is one iteration. A node's time in an iteration is the sum of its
 * `_kernel_time` durations inside that run (0 if it did not run). A group's (module, layer, op type)
 * time in an iteration is the sum over its nodes; its reported time is the median over iterations
 * (simple-statistics `median`). Every share, of a node, a group or a placement group, has the same
 * denominator: the median over iterations of the total node time, so two shares in one report can
 * be compared directly (a grouping's shares sum to about 100 %, not exactly: a median of sums is
 * not the sum of medians).
 */
import { median } from 'simple-statistics';
import { UsageError } from '../util/errors.js';
import { attributeNodes } from './modules.js';
export const MODULE_ORDER = ['backbone', 'neck', 'head', 'postprocess'];
const CPU_EP = 'CPUExecutionProvider';
const WEBGPU_EP = 'WebGpuExecutionProvider';
const MEMCPY_OPS = new Set(['MemcpyToHost', 'MemcpyFromHost', 'Memcpy']);
/** Normalises a configured provider ('cuda', 'CUDAExecutionProvider', { name: 'cuda' }) to a short name. */
export function shortProviderName(p) {
    return p.replace(/ExecutionProvider$/i, '').toLowerCase();
}
export function aggregateProfile(trace, options = {}) {
    const skipRuns = options.skipRuns ?? 0;
    const requested = [...(options.requestedProviders ?? ['cpu'])];
    const topN = options.topNodes ?? 50;
    const smallUs = options.smallKernelUs ?? 10;
    const warnings = [...trace.warnings];
    // 1. Iterations: node events grouped by the model_run that contains them.
    const { iterationOf, iterationCount, runDurations } = assignIterations(trace, skipRuns, warnings);
    if (iterationCount === 0) {
        throw new UsageError(`profile trace "${trace.fileName}": no complete profiled run with node events was found`);
    }
    // 2. Per node, time per iteration; order = first occurrence.
    const byName = new Map();
    trace.nodes.forEach((ev, i) => {
        const it = iterationOf[i];
        if (it === undefined || it < 0)
            return;
        let entry = byName.get(ev.name);
        if (!entry) {
            entry = { first: ev, times: new Array(iterationCount).fill(0), shapesVary: false };
            byName.set(ev.name, entry);
        }
        entry.times[it] += ev.dur;
        // Tensor sizes that change from run to run mean work that depends on the data (after NonZero).
        if (ev.inputShapes !== entry.first.inputShapes || ev.outputShapes !== entry.first.outputShapes)
            entry.shapesVary = true;
    });
    const ordered = [...byName.values()];
    if (ordered.length === 0) {
        throw new UsageError(`profile trace "${trace.fileName}": no complete profiled run with node events was found`);
    }
    const { family, attributed } = attributeNodes(ordered.map((e) => ({ name: e.first.name, opType: e.first.opType })), {
        ...(options.moduleRules ? { rules: options.moduleRules } : {}),
        ...(options.family ? { family: options.family } : {}),
    });
    const totalPerIt = new Array(iterationCount).fill(0);
    for (const e of ordered)
        e.times.forEach((t, i) => (totalPerIt[i] += t));
    const nodeMedians = ordered.map((e) => median(e.times));
    // The one denominator of every share (see the module comment).
    const totalMedian = median(totalPerIt);
    const nodes = ordered.map((e, k) => {
        const a = attributed[k];
        return {
            name: e.first.name,
            opType: e.first.opType,
            provider: e.first.provider,
            module: a.module,
            layer: a.layer,
            attribution: a.attribution,
            medianUs: round1(nodeMedians[k]),
            share: pct(nodeMedians[k], totalMedian),
            inputShapes: e.first.inputShapes,
            outputShapes: e.first.outputShapes,
            nodeIndex: e.first.nodeIndex,
            perIterationUs: e.times,
            activationSize: e.first.activationSize,
            parameterSize: e.first.parameterSize,
            outputSize: e.first.outputSize,
            inputTypes: e.first.inputTypes,
            shapesVary: e.shapesVary,
        };
    });
    // 3. Groupings.
    const groups = (keyOf) => {
        const map = new Map();
        for (const n of nodes) {
            const key = keyOf(n);
            let g = map.get(key);
            if (!g) {
                g = { times: new Array(iterationCount).fill(0), nodes: [] };
                map.set(key, g);
            }
            n.perIterationUs.forEach((t, i) => (g.times[i] += t));
            g.nodes.push(n);
        }
        const medians = new Map([...map].map(([k, g]) => [k, median(g.times)]));
        return [...map].map(([key, g]) => ({
            key,
            medianUs: medians.get(key),
            share: pct(medians.get(key), totalMedian),
            perIterationUs: g.times.map(round1),
            nodes: g.nodes,
        }));
    };
    const modules = groups((n) => n.module)
        .map((g) => ({
        module: g.key,
        medianUs: round1(g.medianUs),
        share: g.share,
        nodeCount: g.nodes.length,
        perIterationUs: g.perIterationUs,
    }))
        .sort((a, b) => moduleRank(a.module) - moduleRank(b.module) || a.module.localeCompare(b.module));
    // NMS an export wrapper appends has no layer: it is grouped as the post-processing it is.
    const layers = groups((n) => n.layer ?? (n.module === 'postprocess' ? 'postprocess' : 'unattributed'))
        .map((g) => ({
        layer: g.key,
        module: g.nodes[0].module,
        medianUs: round1(g.medianUs),
        share: g.share,
        nodeCount: g.nodes.length,
        perIterationUs: g.perIterationUs,
    }))
        .sort((a, b) => layerRank(a.layer) - layerRank(b.layer));
    const opTypes = groups((n) => n.opType)
        .map((g) => ({
        opType: g.key,
        medianUs: round1(g.medianUs),
        share: g.share,
        nodeCount: g.nodes.length,
        providers: [...new Set(g.nodes.map((n) => n.provider))].sort(),
        perIterationUs: g.perIterationUs,
    }))
        .sort((a, b) => b.medianUs - a.medianUs);
    const byTime = [...nodes].sort((a, b) => b.medianUs - a.medianUs);
    const topNodes = byTime.slice(0, topN).map(toEntry);
    // 4. Placement problems.
    const gpuRequested = requested.some((p) => shortProviderName(p) !== 'cpu');
    const placementGroup = (members) => {
        const times = new Array(iterationCount).fill(0);
        for (const n of members)
            n.perIterationUs.forEach((t, i) => (times[i] += t));
        const med = members.length > 0 ? median(times) : 0;
        return {
            count: members.length,
            medianUs: round1(med),
            share: pct(med, totalMedian),
            nodes: members
                .sort((a, b) => b.medianUs - a.medianUs)
                .slice(0, 20)
                .map((n) => ({
                name: n.name,
                opType: n.opType,
                provider: n.provider,
                medianUs: n.medianUs,
            })),
        };
    };
    const memcpyNodes = nodes.filter((n) => MEMCPY_OPS.has(n.opType));
    const placement = {
        gpuRequested,
        providersSeen: [...new Set(nodes.map((n) => n.provider))].sort(),
        cpuFallback: placementGroup(gpuRequested ? nodes.filter((n) => n.provider === CPU_EP && !MEMCPY_OPS.has(n.opType)) : []),
        memcpy: {
            ...placementGroup([...memcpyNodes]),
            toHost: memcpyNodes.filter((n) => n.opType === 'MemcpyToHost').length,
            fromHost: memcpyNodes.filter((n) => n.opType === 'MemcpyFromHost').length,
        },
    };
    // WebGPU's node events time the CPU side of each node (recording and submitting its commands);
    // the GPU runs them later, asynchronously, so node times are not GPU time (on lavapipe here a
    // 64 px YOLOv8n shows 55 ms of node time in a 162 ms model_run).
    const nodeTimeKind = nodes.some((n) => n.provider === WEBGPU_EP) ? 'dispatch' : 'execution';
    if (nodeTimeKind === 'dispatch') {
        warnings.push(`WebGPU node times are dispatch times (CPU-side recording of each node's commands), not GPU execution time: they sum to ${round1(median(totalPerIt))} µs of a ${runDurations.length > 0 ? `${round1(median(runDurations))} µs` : 'unknown'} model_run; judge WebGPU speed by model_run and the latency pass`);
    }
    // 5. Launch-bound small kernels on non-CPU providers.
    const gpuNodes = nodes.filter((n) => n.provider !== CPU_EP && n.provider !== 'unknown');
    const small = gpuNodes.filter((n) => n.medianUs < smallUs);
    const smallSum = sum(small.map((n) => n.medianUs));
    // 6. Memory and element types.
    const elementTypes = {};
    for (const n of nodes)
        for (const t of n.inputTypes)
            elementTypes[t] = (elementTypes[t] ?? 0) + 1;
    const memory = memoryOf(trace, nodes);
    const perInput = options.inputCycle ? inputBreakdown(nodes, totalPerIt, options.inputCycle) : undefined;
    const summary = {
        schemaVersion: 1,
        trace: {
            fileName: trace.fileName,
            bytes: trace.bytes,
            eventCount: trace.eventCount,
            skippedEvents: trace.skippedEvents,
        },
        requestedProviders: requested,
        family,
        iterationsProfiled: iterationCount,
        warmupRunsExcluded: Math.min(skipRuns, trace.runs.length),
        totals: {
            nodeTimeMedianUs: round1(totalMedian),
            ...(runDurations.length > 0 ? { modelRunMedianUs: round1(median(runDurations)) } : {}),
            nodeCount: nodes.length,
        },
        nodeTimeKind,
        modules,
        layers,
        opTypes,
        topNodes,
        nodeMedians: Object.fromEntries(nodes.map((n) => [n.name, n.medianUs])),
        elementTypes,
        smallKernels: {
            thresholdUs: smallUs,
            count: small.length,
            medianSumUs: round1(smallSum),
            share: pct(smallSum, totalMedian),
            gpuNodeCount: gpuNodes.length,
        },
        placement,
        memory,
        precision: runtimePrecision(nodes, totalMedian),
        ...(perInput ? { inputs: perInput.inputs, inputDependent: perInput.inputDependent } : {}),
        warnings,
    };
    return { summary, nodes };
}
/** Op types whose cost depends on the data by construction (how many boxes pass a threshold). */
const DATA_DEPENDENT_OPS = new Set(['NonMaxSuppression', 'NonZero']);
/**
 * Per input image: the median total node time, and the nodes whose work depends on the input: the
 * data-dependent ops (NonMaxSuppression, NonZero) and every node whose tensor shapes changed between
 * runs (what follows a NonZero). That is read from the trace's shapes, not inferred from timing, so
 * machine noise cannot put a convolution on the list. At most 10, slowest (median) first. Medians per
 * image are over that image's profiled iterations (simple-statistics `median`).
 */
function inputBreakdown(nodes, totalPerIt, cycle) {
    const n = cycle.names.length;
    const inputOf = (k) => (cycle.offset + k) % n;
    // Images no profiled iteration fed (fewer iterations than images) have no median: left out of min/max.
    const fed = cycle.names.map((_, i) => totalPerIt.some((__, k) => inputOf(k) === i));
    const byInput = (times) => {
        const buckets = cycle.names.map(() => []);
        times.forEach((t, k) => buckets[inputOf(k)].push(t));
        return buckets.map((b) => (b.length > 0 ? round1(median(b)) : 0));
    };
    const candidates = nodes
        .filter((node) => DATA_DEPENDENT_OPS.has(node.opType) || node.shapesVary)
        .sort((a, b) => b.medianUs - a.medianUs)
        .slice(0, 10)
        .map((node) => {
        const perInputUs = byInput(node.perIterationUs);
        const present = perInputUs.filter((_, i) => fed[i]);
        const minUs = Math.min(...present);
        const maxUs = Math.max(...present);
        return { node, perInputUs, minUs, maxUs };
    });
    return {
        inputs: { order: 'cycle', names: [...cycle.names], nodeTimeMedianUs: byInput(totalPerIt) },
        inputDependent: candidates.map((c) => ({
            name: c.node.name,
            opType: c.node.opType,
            module: c.node.module,
            layer: c.node.layer,
            medianUs: c.node.medianUs,
            minUs: c.minUs,
            maxUs: c.maxUs,
            perInputUs: c.perInputUs,
        })),
    };
}
/** Precision class of a node from the element type of its first input, as the trace names it. */
function precisionOf(n) {
    const t = (n.inputTypes[0] ?? '').toLowerCase();
    if (t === 'float' || t === 'double')
        return 'fp32';
    if (t === 'float16' || t === 'mlfloat16' || t === 'bfloat16')
        return 'fp16';
    if (t === 'int8' || t === 'uint8')
        return 'int8';
    return 'other';
}
/**
 * Where the node time went by precision (share of the sum of node medians, by the node's first input
 * type) and what casts cost: Cast nodes in the file and the ones onnxruntime inserts around kernels a
 * provider lacks for the model's type (on the CPU provider, most float16 ops), plus Q/DQ nodes.
 */
function runtimePrecision(nodes, total) {
    const share = { fp32: 0, fp16: 0, int8: 0, other: 0 };
    let castUs = 0;
    let casts = 0;
    let qdqUs = 0;
    let qdq = 0;
    for (const n of nodes) {
        share[precisionOf(n)] += n.medianUs;
        if (n.opType === 'Cast') {
            casts++;
            castUs += n.medianUs;
        }
        if (n.opType === 'QuantizeLinear' || n.opType === 'DequantizeLinear') {
            qdq++;
            qdqUs += n.medianUs;
        }
    }
    return {
        timeShare: {
            fp32: pct(share.fp32, total),
            fp16: pct(share.fp16, total),
            int8: pct(share.int8, total),
            other: pct(share.other, total),
        },
        castNodes: casts,
        castUs: round1(castUs),
        castShare: pct(castUs, total),
        qdqNodes: qdq,
        qdqUs: round1(qdqUs),
    };
}
function assignIterations(trace, skipRuns, warnings) {
    const iterationOf = new Array(trace.nodes.length).fill(-1);
    if (trace.runs.length > 0) {
        const runs = trace.runs;
        if (skipRuns >= runs.length) {
            throw new UsageError(`profile trace "${trace.fileName}": it holds ${runs.length} run(s), all of them warm-up (${skipRuns} to skip)`);
        }
        let outside = 0;
        trace.nodes.forEach((ev, i) => {
            const r = containingRun(runs, ev.ts);
            if (r < 0)
                outside++;
            else if (r >= skipRuns)
                iterationOf[i] = r - skipRuns;
        });
        if (outside > 0)
            warnings.push(`${outside} node event(s) outside any model_run were ignored`);
        return {
            iterationOf,
            iterationCount: runs.length - skipRuns,
            runDurations: runs.slice(skipRuns).map((r) => r.dur),
        };
    }
    // No model_run events (hand-made or foreign traces): a new iteration starts when a node repeats.
    warnings.push('no model_run events: iterations inferred from repeated node names');
    let it = -1;
    let seen = new Set();
    trace.nodes.forEach((ev, i) => {
        if (it < 0 || seen.has(ev.name)) {
            it++;
            seen = new Set();
        }
        seen.add(ev.name);
        iterationOf[i] = it - skipRuns;
    });
    return { iterationOf, iterationCount: Math.max(0, it + 1 - skipRuns), runDurations: [] };
}
/** Index of the run whose [ts, ts + dur] contains `ts` (runs sorted by ts), or -1. */
function containingRun(runs, ts) {
    let lo = 0;
    let hi = runs.length - 1;
    let found = -1;
    while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (runs[mid].ts <= ts) {
            found = mid;
            lo = mid + 1;
        }
        else
            hi = mid - 1;
    }
    if (found < 0)
        return -1;
    const r = runs[found];
    return ts <= r.ts + r.dur ? found : -1;
}
function memoryOf(trace, nodes) {
    let peak = null;
    let held = null;
    for (const ev of trace.nodes) {
        if (ev.memInUsePeak !== null)
            peak = Math.max(peak ?? 0, ev.memInUsePeak);
        if (ev.memArenaHeld !== null)
            held = Math.max(held ?? 0, ev.memArenaHeld);
    }
    const largest = nodes.reduce((best, n) => (best === null || n.outputSize > best.outputSize ? n : best), null);
    return {
        ...(peak !== null ? { peakInUseBytes: peak } : {}),
        ...(held !== null ? { peakArenaHeldBytes: held } : {}),
        parameterBytes: sum(nodes.map((n) => n.parameterSize)),
        activationBytes: sum(nodes.map((n) => n.activationSize)),
        outputBytes: sum(nodes.map((n) => n.outputSize)),
        ...(largest && largest.outputSize > 0
            ? { largestOutput: { name: largest.name, bytes: largest.outputSize } }
            : {}),
    };
}
function toEntry(n) {
    return {
        name: n.name,
        opType: n.opType,
        provider: n.provider,
        module: n.module,
        layer: n.layer,
        attribution: n.attribution,
        medianUs: n.medianUs,
        share: n.share,
        inputShapes: n.inputShapes,
        outputShapes: n.outputShapes,
        perIterationUs: n.perIterationUs.map(round1),
    };
}
function moduleRank(m) {
    const i = MODULE_ORDER.indexOf(m);
    if (i >= 0)
        return i;
    return m === 'other' ? 100 : 50;
}
function layerRank(layer) {
    const m = /^model\.(\d+)$/.exec(layer);
    return m ? Number(m[1]) : Number.MAX_SAFE_INTEGER;
}
function sum(xs) {
    let s = 0;
    for (const x of xs)
        s += x;
    return s;
}
/** Percent with 3 decimals; 0 when the total is 0. */
function pct(part, total) {
    return total > 0 ? Math.round((part / total) * 100_000) / 1000 : 0;
}
function round1(x) {
    return Math.round(x * 10) / 10;
}
