import { assembleResult, createImageRunner, createRunner, describeModel, loadImages, } from '../bench/engine.js';
import { decodeImages } from '../bench/images.js';
import { perInputLatency } from '../bench/per-input.js';
import { resolveInputs } from '../bench/inputs.js';
import { assertReadableModel, createSession } from '../bench/session.js';
import { timeRuns, warmUp } from '../bench/timing.js';
import { createMachineStateMonitor } from '../host/monitor.js';
import { gatedPeakMemoryBytes } from '../compare/memory.js';
import { benchInChild } from './child-bench.js';
import { planSession } from './session-plan.js';
import { createRandomSource, DEFAULT_SEED } from '../stats/index.js';
import { UsageError } from '../util/errors.js';
import { compareResults } from '../compare/verdict.js';
export const PAIRED_DEFAULTS = {
    /**
     * Consecutive runs of one model per block. One: a pair is one run of each, in a random order;
     * for a fixed time budget that gives the most pairs, and the pair is the unit of the analysis
     * (docs/verdict.md#paired-block-pairs-of-an-interleaved-ab-run; measured in
     * docs/verdict.md#paired-mode-block-size-and-first-round).
     */
    blockSize: 1,
    /**
     * The first round is at least this many pairs: one early look on few pairs does not decide, and
     * 30 pairs make 15 windows of two for the analysis (stats `chooseWindowPairs`).
     */
    firstRoundMinPairs: 30,
    /** ... and aims at this share of the budget, so that doubling rounds fit in the rest. */
    firstRoundBudgetShare: 1 / 8,
    /**
     * Budget of timed sampling (both sides together) for adaptive sampling, seconds. 60 s: at 320 px
     * on 2 shared cores (≈ 70 ms a run, ≈ 430 pairs) the P50 interval is then about ±1.5%, narrow
     * enough to pass an unchanged model under a 3% threshold; 30 s left it at about ±2.2% and most
     * unchanged models inconclusive (docs/gate-quality.md).
     */
    maxTimedSeconds: 60,
    /** Hard cap on samples per side. */
    maxIterations: 20_000,
    /** Peak-memory probes per model, each in its own process (0: memory is not measured). */
    memoryProbes: 3,
};
function positiveInt(v, what) {
    if (!Number.isInteger(v) || v < 1)
        throw new UsageError(`${what}: expected a positive integer, got "${String(v)}"`);
    return v;
}
function sameShapes(a, b) {
    // An FP16 export takes the same images as its FP32 model: float element types count as one.
    const key = (inputs) => JSON.stringify(inputs.map((i) => ({ name: i.name, shape: i.shape, kind: /float/.test(i.dtype) ? 'float' : i.dtype })));
    return key(a) === key(b);
}
const describe = (inputs) => inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}]`).join(', ');
/**
 * Runs the paired A/B benchmark and the verdict (mode 'paired'). The two sessions are created in a
 * random order (recorded: the one created second tends to run faster, issue 11) and both are warmed
 * up, interleaved, before any timed run. Then pairs of blocks are timed, each pair in a random
 * order, in rounds: the first about an eighth of the budget (at least 30 pairs), the next ones
 * doubling while the verdict is inconclusive and the budget lasts.
 *
 * @throws UsageError when a model cannot be read or loaded, the two models' inputs differ, or an
 *   option is out of range.
 */
export async function runPaired(opts) {
    const blockSize = positiveInt(opts.blockSize ?? PAIRED_DEFAULTS.blockSize, 'block size');
    const maxIterations = positiveInt(opts.maxIterations ?? PAIRED_DEFAULTS.maxIterations, 'max iterations');
    const budget = opts.maxTimedSeconds ?? PAIRED_DEFAULTS.maxTimedSeconds;
    if (!(Number.isFinite(budget) && budget > 0)) {
        throw new UsageError(`max timed seconds: expected a positive number, got "${String(budget)}"`);
    }
    if (opts.firstRoundPairs !== undefined)
        positiveInt(opts.firstRoundPairs, 'first round pairs');
    const adaptive = opts.adaptive ?? true;
    const random = createRandomSource(opts.seed ?? opts.policy.seed ?? DEFAULT_SEED);
    await assertReadableModel(opts.baseline.path, opts.baseline.label ?? '--baseline-model');
    await assertReadableModel(opts.current.path, opts.current.label ?? '--model');
    // Decoded once, before any session: a bad image fails first; each side letterboxes for its input.
    const decoded = opts.images?.length ? await decodeImages(opts.images) : undefined;
    const createdFirst = random() < 0.5 ? 'baseline' : 'current';
    const creation = [
        ['baseline', opts.baseline, opts.baseline.label ?? '--baseline-model'],
        ['current', opts.current, opts.current.label ?? '--model'],
    ];
    if (createdFirst === 'current')
        creation.reverse();
    const sides = [];
    try {
        for (const [role, model, label] of creation) {
            opts.onPhase?.('load', model.path);
            const rssBeforeSessionBytes = process.memoryUsage().rss;
            const session = await createSession(model.path, opts.session, undefined, label);
            const side = {
                role,
                model,
                session,
                inputs: resolveInputs(session.inputMetadata, opts.dims),
                run: () => Promise.resolve(),
                samples: [],
                rssBeforeSessionBytes,
            };
            sides.push(side);
            if (decoded) {
                // Letterboxed for this side's own input (size, dtype) before any run.
                const prepared = await loadImages(decoded, side.inputs);
                const runner = createImageRunner(session, side.inputs[0].name, prepared.tensors);
                side.run = runner.run;
                side.select = runner.select;
                side.images = prepared.images;
            }
            else {
                side.run = createRunner(session, side.inputs);
            }
            side.description = await describeModel(model.path, session, side.inputs, model.name, model.source);
        }
        const a = sides.find((s) => s.role === 'baseline');
        const b = sides.find((s) => s.role === 'current');
        if (!sameShapes(a.inputs, b.inputs)) {
            throw new UsageError(`${a.model.label ?? '--baseline-model'} and ${b.model.label ?? '--model'} have different inputs: ${describe(a.inputs)} vs ${describe(b.inputs)}; paired mode compares the same task`);
        }
        opts.onPhase?.('warmup');
        // Warm both up, then alternate short warm-ups so that neither side starts timing cold after the
        // other's, and the last thing each did before timing is the same.
        await warmUp(a.run, opts.warmupIterations, opts.warmupSeconds, a.select);
        await warmUp(b.run, opts.warmupIterations, opts.warmupSeconds, b.select);
        const pairMs = [];
        for (let i = 0; i < 3; i++) {
            const t0 = performance.now();
            await warmUp(a.run, blockSize, 0, a.select);
            await warmUp(b.run, blockSize, 0, b.select);
            pairMs.push(performance.now() - t0);
        }
        const perPairMs = Math.max(0.01, [...pairMs].sort((x, y) => x - y)[1]);
        const maxPairs = Math.floor(maxIterations / blockSize);
        const firstPairs = Math.min(maxPairs, opts.firstRoundPairs ??
            Math.max(PAIRED_DEFAULTS.firstRoundMinPairs, Math.floor((budget * 1000 * PAIRED_DEFAULTS.firstRoundBudgetShare) / perPairMs)));
        const machine = createMachineStateMonitor(opts.busyRule ? { rule: opts.busyRule } : {});
        opts.onPhase?.('timed');
        await machine.observer.start();
        const rounds = [];
        let order = '';
        let timedMs = 0;
        let target = firstPairs;
        let comparison;
        let baseResult;
        let curResult;
        let stoppedBecause = 'single-round';
        for (let round = 1;; round++) {
            while (order.length < target) {
                const first = random() < 0.5 ? 'A' : 'B';
                order += first;
                for (const side of first === 'A' ? [a, b] : [b, a]) {
                    const offset = side.samples.length;
                    const select = side.select ? (i) => side.select(offset + i) : undefined;
                    const t = await timeRuns(side.run, { iterations: blockSize }, undefined, undefined, select);
                    for (const v of t) {
                        side.samples.push(v);
                        timedMs += v;
                    }
                }
                // Adaptive mode never overruns the budget by more than one pair.
                if (adaptive && round > 1 && timedMs / 1000 >= budget)
                    break;
            }
            const state = await machine.observer.stop();
            const pairing = { blockSize, order, createdFirst };
            baseResult = buildResult(a, opts, pairing);
            curResult = buildResult(b, opts, pairing);
            if (state) {
                baseResult.machineState = state;
                curResult.machineState = state;
            }
            comparison = compareResults({
                baseline: baseResult,
                current: curResult,
                mode: 'paired',
                policy: opts.policy,
                ...(opts.memoryProbes ? { memoryProbes: opts.memoryProbes } : {}),
                pairedRun: { rounds: round, stoppedBecause: 'in progress', timedSeconds: timedMs / 1000 },
            });
            const info = {
                round,
                pairs: order.length,
                samplesPerSide: a.samples.length,
                timedSeconds: timedMs / 1000,
                verdict: comparison.verdict,
            };
            rounds.push(info);
            opts.onRound?.(info);
            if (!adaptive)
                break;
            if (comparison.verdict !== 'inconclusive') {
                stoppedBecause = 'decided';
                break;
            }
            if (timedMs / 1000 >= budget) {
                stoppedBecause = 'budget';
                break;
            }
            if (order.length >= maxPairs) {
                stoppedBecause = 'max-iterations';
                break;
            }
            // Double the pairs, but not (much) past what the remaining budget buys.
            const measuredPerPairMs = timedMs / order.length;
            const affordable = Math.floor((budget * 1000 - timedMs) / measuredPerPairMs);
            target = Math.min(maxPairs, order.length + Math.max(1, Math.min(order.length, affordable)));
            await machine.observer.start();
        }
        opts.onPhase?.('done');
        if (comparison.paired)
            comparison.paired.stoppedBecause = stoppedBecause;
        return {
            baseline: baseResult,
            current: curResult,
            comparison,
            rounds,
            timedSeconds: timedMs / 1000,
            stoppedBecause,
        };
    }
    finally {
        for (const side of sides)
            await side.session.release();
    }
}
function buildResult(side, opts, pairing) {
    const result = assembleResult({
        model: side.description,
        session: opts.session,
        provider: opts.provider,
        dims: opts.dims,
        warmupIterations: opts.warmupIterations,
        warmupSeconds: opts.warmupSeconds,
        stop: { iterations: side.samples.length },
        samples: side.samples,
        rssBeforeSessionBytes: side.rssBeforeSessionBytes,
        ...(opts.gpuFingerprint ? { gpuFingerprint: opts.gpuFingerprint } : {}),
        ...(opts.job ? { job: opts.job } : {}),
    });
    result.pairing = { role: side.role, ...pairing };
    if (side.images)
        result.imageInputs = perInputLatency(result.latency.samplesMs, side.images);
    return result;
}
/**
 * Peak memory of each model measured alone: `probes` short benchmarks per model, each in its own
 * process, alternating between the two models (src/core/child-bench.ts). Paired mode runs both
 * models in one process, where peak memory cannot be told apart; these give each side's own.
 */
export async function measureMemoryProbes(config, baselineModel, currentModel, probes, reporter) {
    const out = { baseline: [], current: [] };
    const extra = [
        '--iterations',
        '5',
        '--warmup',
        '2',
        '--warmup-seconds',
        '0',
        '--calibration-seconds',
        '0',
        '--quiet',
    ];
    for (let i = 0; i < probes; i++) {
        // ABBA... so neither model always goes first.
        const order = [
            ['baseline', baselineModel],
            ['current', currentModel],
        ];
        if (i % 2 === 1)
            order.reverse();
        for (const [role, model] of order) {
            reporter?.phase('memory', `probe ${i + 1} of ${probes}: ${role} model alone in its own process`);
            const probeConfig = {
                ...config,
                model: { kind: 'file', path: model.path, label: model.label },
                profile: { ...config.profile, enabled: false },
                // A probe measures one model's memory; a reference session would only add a constant to it.
                reference: 'off',
                stop: { iterations: 5 },
            };
            const result = await benchInChild(probeConfig, { extra, what: `memory probe of the ${role} model` });
            out[role].push(gatedPeakMemoryBytes(result));
        }
    }
    return out;
}
/**
 * Paired A/B mode from a validated config (the CLI's `compare --baseline-model` and the gate's
 * paired mode): resolves the execution provider as `benchmark` does, measures each model's peak
 * memory alone in its own processes, then {@link runPaired}. A GPU provider is accepted; no GPU
 * telemetry is sampled in the interleaved run (peak memory comes from the probes).
 */
export async function runPairedComparison(opts) {
    const { config, reporter, paired } = opts;
    const { session, provider } = planSession(config, (line) => (reporter?.warn ?? reporter?.info)?.call(reporter, line));
    const memoryProbes = paired.memoryProbes > 0
        ? await measureMemoryProbes(config, opts.baselineModel, opts.currentModel, paired.memoryProbes, reporter)
        : undefined;
    const side = (m) => ({
        path: m.path,
        source: m.source,
        label: m.label,
        ...(m.name ? { name: m.name } : {}),
    });
    return runPaired({
        baseline: side(opts.baselineModel),
        current: side(opts.currentModel),
        session,
        provider,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        warmupSeconds: config.warmupSeconds,
        policy: opts.policy,
        busyRule: config.busyRule,
        ...(memoryProbes ? { memoryProbes } : {}),
        ...(config.job ? { job: config.job } : {}),
        ...(paired.firstRoundSamples !== undefined
            ? { firstRoundPairs: Math.max(1, Math.ceil(paired.firstRoundSamples / paired.blockSize)) }
            : {}),
        ...(config.inputs.length > 0 ? { images: config.inputs } : {}),
        blockSize: paired.blockSize,
        adaptive: paired.adaptive,
        ...(paired.budgetSeconds !== undefined ? { maxTimedSeconds: paired.budgetSeconds } : {}),
        ...(reporter ? { onPhase: (phase, detail) => reporter.phase(phase, detail) } : {}),
        ...(reporter
            ? {
                onRound: (r) => reporter.info(`paired round ${r.round}: ${r.pairs} pairs (${r.samplesPerSide} samples per side), ${r.timedSeconds.toFixed(1)} s timed, verdict so far: ${r.verdict}`),
            }
            : {}),
    });
}
