/**
 * The one builder of "reproduce this verdict" commands: from a parsed {@link GateConfig} back to the
 * `perf-gate gate` flags that parse into the same config (test/config/reproduce.test.ts checks the
 * round trip flag by flag). Only settings that differ from the defaults are written, so the command
 * stays short; settings that describe where files go on this machine (output paths, the model
 * cache, the template) are left out on purpose.
 */
import type { Policy } from '../compare/schema.js';
import type { BenchResult } from '../schema/result.js';
import { formatModelSource } from './bench.js';
import { parseGateConfig, type GateConfig } from './gate.js';
import { MIB } from '../util/format.js';
import { formatExecutionProviders } from './providers.js';

/** The value of one flag for a config, or undefined when the flag is absent. Booleans: 'true' = present. */
type FlagValue = (config: GateConfig) => string | undefined;

const fraction = (v: number): string => String(Number(v.toPrecision(12)));

/** Every gate flag that changes what is measured or how it is judged, with its value in a config. */
const REPRODUCED_FLAGS: readonly (readonly [flag: string, value: FlagValue, kind?: 'switch'])[] = [
  ['--model', (c) => formatModelSource(c.bench.model)],
  ['--name', (c) => c.bench.modelName],
  ['--ep', (c) => formatExecutionProviders(c.bench.executionProviders)],
  ['--allow-fallback', (c) => (c.bench.allowFallback ? 'true' : undefined), 'switch'],
  ['--graph-optimization', (c) => c.bench.graphOptimizationLevel],
  ['--intra-op-threads', (c) => String(c.bench.intraOpThreads)],
  ['--inter-op-threads', (c) => String(c.bench.interOpThreads)],
  ['--warmup', (c) => String(c.bench.warmupIterations)],
  ['--warmup-seconds', (c) => String(c.bench.warmupSeconds)],
  ['--iterations', (c) => ('iterations' in c.bench.stop ? String(c.bench.stop.iterations) : undefined)],
  [
    '--duration',
    (c) => ('durationSeconds' in c.bench.stop ? String(c.bench.stop.durationSeconds) : undefined),
  ],
  [
    '--dim',
    (c) =>
      Object.keys(c.bench.dims).length > 0
        ? Object.entries(c.bench.dims)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')
        : undefined,
  ],
  ['--inputs', (c) => (c.bench.inputs.length > 0 ? c.bench.inputs.join(',') : undefined)],
  ['--profile', (c) => (c.bench.profile.enabled ? 'true' : undefined), 'switch'],
  ['--profile-iterations', (c) => String(c.bench.profile.iterations)],
  ['--gpu-sample-interval', (c) => String(c.bench.gpu.sampleIntervalMs)],
  ['--min-clock-fraction', (c) => String(c.bench.gpu.minClockFraction)],
  ['--busy-cpu-share', (c) => String(c.bench.busyRule.maxOtherCpuShare)],
  ['--busy-pressure', (c) => String(c.bench.busyRule.maxPressureShare)],
  ['--busy-steal', (c) => String(c.bench.busyRule.maxStealShare)],
  ['--busy-throttled', (c) => String(c.bench.busyRule.maxThrottledShare)],
  ['--calibration-seconds', (c) => String(c.bench.calibration.phaseSeconds)],
  ['--baseline-model', (c) => (c.baselineModel ? formatModelSource(c.baselineModel) : undefined)],
  ['--baselines', (c) => (c.baselineModel ? undefined : c.baselinesDir)],
  [
    '--paired-budget',
    (c) => (c.paired.budgetSeconds !== undefined ? String(c.paired.budgetSeconds) : undefined),
  ],
  ['--block-size', (c) => String(c.paired.blockSize)],
  ['--adaptive', (c) => String(c.paired.adaptive)],
  ['--threshold-p50', (c) => fraction(c.policy.thresholds.p50)],
  ['--threshold-p99', (c) => fraction(c.policy.thresholds.p99)],
  ['--threshold-memory', (c) => fraction(c.policy.thresholds.memoryRelative)],
  ['--threshold-memory-mib', (c) => fraction(c.policy.thresholds.memoryAbsoluteBytes / MIB)],
  ['--alpha', (c) => String(c.policy.alpha)],
  ['--gate-metrics', (c) => (c.policy.gate.length > 0 ? c.policy.gate.join(',') : 'none')],
  [
    '--profile-gate',
    (c) =>
      c.policy.profileGate && c.policy.profileGate.length > 0
        ? c.policy.profileGate.map((r) => `${r.scope}:${r.maxSlowdownPercent}`).join(',')
        : 'off',
  ],
  ['--unreliable', (c) => (c.policy.unreliableIsInconclusive ? 'inconclusive' : 'ignore')],
];

/** Flags of `gate` that the reproduce command leaves out, with the reason (checked by the parity test). */
export const NOT_REPRODUCED: Readonly<Record<string, string>> = {
  '--out': 'where this machine writes its files',
  '--report': 'where this machine writes its files',
  '--comparison-out': 'where this machine writes its files',
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
export const REPRODUCED_FLAG_NAMES: readonly string[] = REPRODUCED_FLAGS.map(([flag]) => flag);

const DEFAULTS: GateConfig = parseGateConfig({ read: () => undefined, label: (n) => `--${n}` });

/**
 * The `perf-gate gate ...` arguments (without `npx perf-gate`) that reproduce `config`'s verdict:
 * every measuring and judging setting that differs from the defaults. `--model` is always written.
 */
export function reproduceGateArgs(config: GateConfig): string[] {
  const args = ['gate'];
  for (const [flag, value, kind] of REPRODUCED_FLAGS) {
    const v = value(config);
    if (v === undefined || (flag !== '--model' && v === value(DEFAULTS))) continue;
    if (kind === 'switch') args.push(flag);
    else args.push(flag, v);
  }
  return args;
}

/** POSIX shell quoting: safe words as they are, everything else in single quotes. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The shell command a developer runs to reproduce the verdict: `npx perf-gate gate ...`. */
export function reproduceGateCommand(config: GateConfig): string {
  return ['npx', 'perf-gate', ...reproduceGateArgs(config)].map(shellQuote).join(' ');
}

/**
 * The gate config a stored result was measured with (its model, provider list and session
 * settings), judged with `policy`, against `baselinesDir`: what `perf-gate report` reproduces.
 */
export function gateConfigForResult(result: BenchResult, policy: Policy, baselinesDir: string): GateConfig {
  const s = result.settings;
  const inputs: Record<string, string | undefined> = {
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
    duration:
      s.iterations === undefined && s.durationSeconds !== undefined ? String(s.durationSeconds) : undefined,
    dim: Object.entries(s.dims)
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
    profile: result.profile ? 'true' : undefined,
    baselines: baselinesDir,
  };
  const config = parseGateConfig({ read: (name) => inputs[name] || undefined, label: (n) => `--${n}` });
  return { ...config, policy };
}
