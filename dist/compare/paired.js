import { assembleResult, createRunner, describeModel } from '../bench/engine.js';
import { resolveInputs } from '../bench/inputs.js';
import { assertReadableModel, createSession } from '../bench/session.js';
import { timeRuns, warmUp } from '../bench/timing.js';
import { planSession } from '../core/session-plan.js';
import { createRandomSource, DEFAULT_SEED } from '../stats/index.js';
import { UsageError } from '../util/errors.js';
import { compareResults } from './verdict.js';
export const PAIRED_DEFAULTS = {
    /** Consecutive runs of one model before switching. */
    blockSize: 5,
    /** Samples per side in the first round. */
    initialIterations: 100,
    /** Budget of timed sampling (both sides together) for adaptive sampling, seconds. */
    maxTimedSeconds: 30,
    /** Hard cap on samples per side. */
    maxIterations: 20_000,
};
function positiveInt(v, what) {
    if (!Number.isInteger(v) || v < 1)
        throw new UsageError(`${what}: expected a positive integer, got "${String(v)}"`);
    return v;
}
function sameShapes(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
}
const describe = (inputs) => inputs.map((i) => `${i.name} ${i.dtype}[${i.shape.join(',')}]`).join(', ');
/**
 * Runs the paired A/B benchmark and the verdict (mode 'paired'). Both sessions are created and
 * warmed up before any timed run; each round times `blockSize`-run blocks of A and of B, the order
 * of the two blocks in each pair drawn from a seeded RNG.
 *
 * @throws UsageError when a model cannot be read or loaded, the two models' inputs differ, or an
 *   option is out of range.
 */
export async function runPaired(opts) {
    const blockSize = positiveInt(opts.blockSize ?? PAIRED_DEFAULTS.blockSize, 'block size');
    const initial = positiveInt(opts.initialIterations ?? PAIRED_DEFAULTS.initialIterations, 'initial iterations');
    const maxIterations = positiveInt(opts.maxIterations ?? PAIRED_DEFAULTS.maxIterations, 'max iterations');
    const budget = opts.maxTimedSeconds ?? PAIRED_DEFAULTS.maxTimedSeconds;
    if (!(Number.isFinite(budget) && budget > 0)) {
        throw new UsageError(`max timed seconds: expected a positive number, got "${String(budget)}"`);
    }
    const adaptive = opts.adaptive ?? true;
    const random = createRandomSource(opts.seed ?? opts.policy.seed ?? DEFAULT_SEED);
    await assertReadableModel(opts.baseline.path, '--baseline-model');
    await assertReadableModel(opts.current.path, '--model');
    const sides = [];
    try {
        for (const [model, label] of [
            [opts.baseline, '--baseline-model'],
            [opts.current, '--model'],
        ]) {
            opts.onPhase?.('load', model.path);
            const rssBeforeSessionBytes = process.memoryUsage().rss;
            const session = await createSession(model.path, opts.session, undefined, label);
            sides.push({
                model,
                session,
                inputs: [],
                run: () => Promise.resolve(),
                samples: [],
                rssBeforeSessionBytes,
            });
            const side = sides[sides.length - 1];
            side.inputs = resolveInputs(session.inputMetadata, opts.dims);
            side.run = createRunner(session, side.inputs);
            side.description = await describeModel(model.path, session, side.inputs, model.name);
        }
        const [a, b] = sides;
        if (!sameShapes(a.inputs, b.inputs)) {
            throw new UsageError(`--baseline-model and --model have different inputs: ${describe(a.inputs)} vs ${describe(b.inputs)}; paired mode compares the same task`);
        }
        opts.onPhase?.('warmup');
        // Warm both up, then once more each so neither side starts timing cold after the other's warm-up.
        await warmUp(a.run, opts.warmupIterations, opts.warmupSeconds);
        await warmUp(b.run, opts.warmupIterations, opts.warmupSeconds);
        await warmUp(a.run, Math.min(opts.warmupIterations, blockSize), 0);
        await warmUp(b.run, Math.min(opts.warmupIterations, blockSize), 0);
        opts.onPhase?.('timed');
        const rounds = [];
        let timedMs = 0;
        let target = Math.min(maxIterations, Math.ceil(initial / blockSize) * blockSize);
        let comparison;
        let baseResult;
        let curResult;
        let stoppedBecause = 'single-round';
        for (let round = 1;; round++) {
            while (a.samples.length < target) {
                const n = Math.min(blockSize, target - a.samples.length);
                const order = random() < 0.5 ? [a, b] : [b, a];
                for (const side of order) {
                    const t = await timeRuns(side.run, { iterations: n });
                    for (const v of t) {
                        side.samples.push(v);
                        timedMs += v;
                    }
                }
                // Adaptive mode never overruns the budget by more than one block pair.
                if (adaptive && round > 1 && timedMs / 1000 >= budget)
                    break;
            }
            baseResult = buildResult(a, opts);
            curResult = buildResult(b, opts);
            comparison = compareResults({
                baseline: baseResult,
                current: curResult,
                mode: 'paired',
                policy: opts.policy,
            });
            const info = {
                round,
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
            if (a.samples.length >= maxIterations) {
                stoppedBecause = 'max-iterations';
                break;
            }
            // Double the samples, but not (much) past what the remaining budget buys.
            const perPairMs = timedMs / a.samples.length;
            const affordable = Math.floor((budget * 1000 - timedMs) / perPairMs / blockSize) * blockSize;
            target = Math.min(maxIterations, a.samples.length + Math.max(blockSize, Math.min(a.samples.length, affordable)));
        }
        opts.onPhase?.('done');
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
function buildResult(side, opts) {
    return assembleResult({
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
    });
}
/**
 * Paired A/B mode from a validated {@link BenchConfig} (the CLI's `compare --baseline-model` and the
 * gate's paired mode): resolves the execution provider as `benchmark` does, then {@link runPaired}.
 * A GPU provider is accepted, but no GPU telemetry is sampled in paired mode (peak memory is not
 * attributable per model in one process anyway).
 */
export async function runPairedComparison(opts) {
    const { config, reporter } = opts;
    const { session, provider } = planSession(config, (line) => (reporter?.warn ?? reporter?.info)?.call(reporter, line));
    const initial = opts.initialIterations ??
        ('iterations' in config.stop ? config.stop.iterations : PAIRED_DEFAULTS.initialIterations);
    return runPaired({
        baseline: {
            path: opts.baselineModel.path,
            ...(opts.baselineModel.name ? { name: opts.baselineModel.name } : {}),
        },
        current: {
            path: opts.currentModel.path,
            ...(opts.currentModel.name ? { name: opts.currentModel.name } : {}),
        },
        session,
        provider,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        warmupSeconds: config.warmupSeconds,
        policy: opts.policy,
        initialIterations: initial,
        ...(opts.blockSize !== undefined ? { blockSize: opts.blockSize } : {}),
        ...(opts.adaptive !== undefined ? { adaptive: opts.adaptive } : {}),
        ...(opts.budgetSeconds !== undefined ? { maxTimedSeconds: opts.budgetSeconds } : {}),
        ...(reporter ? { onPhase: (phase, detail) => reporter.phase(phase, detail) } : {}),
        ...(reporter
            ? {
                onRound: (r) => reporter.info(`paired round ${r.round}: ${r.samplesPerSide} samples per side, ${r.timedSeconds.toFixed(1)} s timed, verdict so far: ${r.verdict}`),
            }
            : {}),
    });
}
