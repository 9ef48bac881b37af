import { formatModelSource, parseBenchConfig } from './bench.js';
import { parseGateConfig } from './gate.js';
import { MIB } from '../util/format.js';
import { formatExecutionProviders } from './providers.js';
const fraction = (v) => String(Number(v.toPrecision(12)));
/** Every benchmark flag that changes what is measured, with its value in a bench config. */
const BENCH_FLAGS = [
    ['--model', (b) => formatModelSource(b.model)],
    ['--name', (b) => b.modelName],
    ['--ep', (b) => formatExecutionProviders(b.executionProviders)],
    ['--allow-fallback', (b) => (b.allowFallback ? 'true' : undefined), 'switch'],
    ['--graph-optimization', (b) => b.graphOptimizationLevel],
    ['--intra-op-threads', (b) => String(b.intraOpThreads)],
    ['--inter-op-threads', (b) => String(b.interOpThreads)],
    ['--warmup', (b) => String(b.warmupIterations)],
    ['--warmup-seconds', (b) => String(b.warmupSeconds)],
    ['--iterations', (b) => ('iterations' in b.stop ? String(b.stop.iterations) : undefined)],
    ['--duration', (b) => ('durationSeconds' in b.stop ? String(b.stop.durationSeconds) : undefined)],
    [
        '--dim',
        (b) => Object.keys(b.dims).length > 0
            ? Object.entries(b.dims)
                .map(([k, v]) => `${k}=${v}`)
                .join(',')
            : undefined,
    ],
    ['--inputs', (b) => (b.inputs.length > 0 ? b.inputs.join(',') : undefined)],
    ['--profile', (b) => (b.profile.enabled ? 'true' : undefined), 'switch'],
    ['--profile-iterations', (b) => String(b.profile.iterations)],
    ['--gpu-sample-interval', (b) => String(b.gpu.sampleIntervalMs)],
    ['--min-clock-fraction', (b) => String(b.gpu.minClockFraction)],
    ['--busy-cpu-share', (b) => String(b.busyRule.maxOtherCpuShare)],
    ['--busy-pressure', (b) => String(b.busyRule.maxPressureShare)],
    ['--busy-steal', (b) => String(b.busyRule.maxStealShare)],
    ['--busy-throttled', (b) => String(b.busyRule.maxThrottledShare)],
    ['--calibration-seconds', (b) => String(b.calibration.phaseSeconds)],
    ['--reference', (b) => b.reference],
];
/** Every gate flag that changes what is measured or how it is judged, with its value in a config. */
const REPRODUCED_FLAGS = [
    ...BENCH_FLAGS.map(([flag, value, kind]) => {
        const onGate = (c) => value(c.bench);
        return kind ? [flag, onGate, kind] : [flag, onGate];
    }),
    ['--baseline-model', (c) => (c.baselineModel ? formatModelSource(c.baselineModel) : undefined)],
    ['--baseline', (c) => (c.baseline.kind === 'model' ? undefined : c.baseline.kind)],
    ['--base-ref', (c) => c.baseRef],
    ['--model-command', (c) => c.modelCommand?.command],
    ['--model-command-timeout', (c) => (c.modelCommand ? String(c.modelCommand.timeoutSeconds) : undefined)],
    ['--runs', (c) => String(c.runs)],
    ['--baselines', (c) => (c.baselineModel ? undefined : c.baselinesDir)],
    [
        '--paired-budget',
        (c) => (c.paired.budgetSeconds !== undefined ? String(c.paired.budgetSeconds) : undefined),
    ],
    ['--block-size', (c) => String(c.paired.blockSize)],
    ['--adaptive', (c) => String(c.paired.adaptive)],
    ['--paired-memory-probes', (c) => String(c.paired.memoryProbes)],
    ['--threshold-p50', (c) => fraction(c.policy.thresholds.p50)],
    ['--threshold-p99', (c) => fraction(c.policy.thresholds.p99)],
    ['--threshold-spike-rate', (c) => fraction(c.policy.thresholds.spikeRate)],
    ['--threshold-memory', (c) => fraction(c.policy.thresholds.memoryRelative)],
    ['--threshold-memory-mib', (c) => fraction(c.policy.thresholds.memoryAbsoluteBytes / MIB)],
    ['--alpha', (c) => String(c.policy.alpha)],
    ['--min-history-runs', (c) => String(c.policy.minHistoryRuns)],
    ['--assumed-run-spread', (c) => fraction(c.policy.assumedRunSpread)],
    ['--calibration-tolerance', (c) => fraction(c.policy.calibrationTolerance)],
    ['--gate-metrics', (c) => (c.policy.gate.length > 0 ? c.policy.gate.join(',') : 'none')],
    [
        '--profile-gate',
        (c) => c.policy.profileGate && c.policy.profileGate.length > 0
            ? c.policy.profileGate.map((r) => `${r.scope}:${r.maxSlowdownPercent}`).join(',')
            : 'off',
    ],
    ['--unreliable', (c) => (c.policy.unreliableIsInconclusive ? 'inconclusive' : 'ignore')],
];
/** Flags of `gate` that the reproduce command leaves out, with the reason (checked by the parity test). */
export const NOT_REPRODUCED = {
    '--out': 'where this machine writes its files',
    '--report': 'where this machine writes its files',
    '--comparison-out': 'where this machine writes its files',
    '--baseline-out': 'where this machine writes its files',
    '--report-json': 'where this machine writes its files',
    '--markdown': 'how the verdict is printed, not what it is',
    '--quiet': 'how the verdict is printed, not what it is',
    '--template': 'how the report looks, not what it says',
    '--cache-dir': 'where generated models are cached on this machine',
    '--job': 'names the run in a matrix, does not change it',
    '--update-baseline': 'reproducing a verdict must not rewrite baselines',
    '--force': 'only used when recording a baseline',
    '--history': 'only used when recording a baseline',
};
/** The flags every reproduced command names: the flag list of {@link REPRODUCED_FLAGS}. */
export const REPRODUCED_FLAG_NAMES = REPRODUCED_FLAGS.map(([flag]) => flag);
const DEFAULTS = parseGateConfig({ read: () => undefined, label: (n) => `--${n}` });
/**
 * The `perf-gate gate ...` arguments (without `npx perf-gate`) that reproduce `config`'s verdict:
 * every measuring and judging setting that differs from the defaults. `--model` is always written.
 */
export function reproduceGateArgs(config) {
    const args = ['gate'];
    for (const [flag, value, kind] of REPRODUCED_FLAGS) {
        const v = value(config);
        if (v === undefined || (flag !== '--model' && v === value(DEFAULTS)))
            continue;
        if (kind === 'switch')
            args.push(flag);
        else
            args.push(flag, v);
    }
    return args;
}
const BENCH_DEFAULTS_CONFIG = parseBenchConfig({
    read: () => undefined,
    label: (n) => `--${n}`,
});
/**
 * The `perf-gate bench` arguments that measure exactly as `config` does (every measuring setting
 * that differs from the defaults; `--model` always): how the gate starts a run in another process
 * (`--runs N`, paired mode's memory probes). `extra` flags are appended as given.
 */
export function benchArgs(config, extra = []) {
    const args = ['bench'];
    for (const [flag, value, kind] of BENCH_FLAGS) {
        const v = value(config);
        if (v === undefined || (flag !== '--model' && v === value(BENCH_DEFAULTS_CONFIG)))
            continue;
        if (kind === 'switch')
            args.push(flag);
        else
            args.push(flag, v);
    }
    return [...args, ...extra];
}
/** POSIX shell quoting: safe words as they are, everything else in single quotes. */
export function shellQuote(word) {
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
/** The shell command a developer runs to reproduce the verdict: `npx perf-gate gate ...`. */
export function reproduceGateCommand(config) {
    return ['npx', 'perf-gate', ...reproduceGateArgs(config)].map(shellQuote).join(' ');
}
/**
 * The gate config a stored result was measured with (its model, provider list and session
 * settings), judged with `policy`, against `baselinesDir`: what `perf-gate report` reproduces.
 */
export function gateConfigForResult(result, policy, baselinesDir) {
    const s = result.settings;
    const inputs = {
        model: result.model.source ?? result.model.path,
        name: result.model.name,
        'execution-provider': result.provider.requested.join(','),
        'allow-fallback': result.provider.fallback ? 'true' : undefined,
        'graph-optimization': s.graphOptimizationLevel,
        'intra-op-threads': String(s.intraOpThreads),
        'inter-op-threads': String(s.interOpThreads),
        warmup: String(s.warmupIterations),
        'warmup-seconds': String(s.warmupSeconds),
        iterations: s.iterations !== undefined ? String(s.iterations) : undefined,
        duration: s.iterations === undefined && s.durationSeconds !== undefined ? String(s.durationSeconds) : undefined,
        dim: Object.entries(s.dims)
            .map(([k, v]) => `${k}=${v}`)
            .join(','),
        profile: result.profile ? 'true' : undefined,
        // A skipped reference was still asked for: the same flag reproduces the same skip.
        reference: result.reference ? 'interleaved' : undefined,
        baselines: baselinesDir,
    };
    const config = parseGateConfig({ read: (name) => inputs[name] || undefined, label: (n) => `--${n}` });
    return { ...config, policy };
}
