/**
 * "Anyone can reproduce a verdict locally": the reproduce command printed in reports parses back into
 * the config that produced the verdict, and every Action input has a CLI flag (or is listed as
 * Action-only with the reason), and every gate flag is either reproduced or listed with the reason.
 */
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addGateOptions } from '../../src/cli/options.js';
import { parseGateConfig, type GateConfig } from '../../src/config/gate.js';
import { cliReader } from '../../src/config/reader.js';
import {
  gateConfigForResult,
  NOT_REPRODUCED,
  REPRODUCED_FLAG_NAMES,
  reproduceGateArgs,
  reproduceGateCommand,
} from '../../src/config/reproduce.js';
import { DEFAULT_POLICY, makePolicy } from '../../src/config/policy.js';
import { makeResult } from '../fixtures/report/fixtures.js';
import { loadActionYml } from '../action/harness.js';

/** Parses `perf-gate gate` arguments with the real option definitions, as the CLI does. */
function parseGateArgs(args: readonly string[]): GateConfig {
  const [command, ...rest] = args;
  expect(command).toBe('gate');
  const cmd = addGateOptions(new Command('gate').exitOverride());
  cmd.parse(rest as string[], { from: 'user' });
  return parseGateConfig(cliReader(cmd.opts(), { 'execution-provider': '--ep' }));
}

/** Splits a command printed for a POSIX shell back into words (the quoting reproduceGateCommand uses). */
function shellWords(command: string): string[] {
  const words: string[] = [];
  const re = /'((?:[^']|'\\'')*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) {
    words.push(m[1] !== undefined ? m[1].replace(/'\\''/g, "'") : (m[2] as string));
  }
  return words;
}

/** Every gate flag set to a value other than its default. */
const EVERY_FLAG: string[] = [
  ...['--model', "models/it's mine.onnx", '--name', 'det v2', '--ep', 'cuda:1,cpu', '--allow-fallback'],
  ...['--graph-optimization', 'extended', '--intra-op-threads', '3', '--inter-op-threads', '2'],
  ...['--warmup', '4', '--warmup-seconds', '0.5', '--duration', '12.5', '--dim', 'batch=2,height=320'],
  ...['--profile', '--profile-iterations', '7', '--gpu-sample-interval', '25', '--min-clock-fraction', '0.8'],
  ...['--baselines', 'perf/baselines', '--paired-budget', '45', '--block-size', '7', '--adaptive', 'false'],
  ...[
    '--threshold-p50',
    '4%',
    '--threshold-p99',
    '0.2',
    '--threshold-memory',
    '7%',
    '--threshold-spike-rate',
    '2%',
  ],
  ...['--min-history-runs', '5', '--assumed-run-spread', '8%', '--calibration-tolerance', '0.15'],
  ...['--threshold-memory-mib', '32', '--alpha', '0.01', '--gate-metrics', 'p50,peak-memory'],
  ...['--profile-gate', 'module:10,op:25', '--unreliable', 'ignore'],
  ...['--inputs', 'frames/a.png,frames/b.jpg', '--calibration-seconds', '0.25', '--reference', 'interleaved'],
  ...['--busy-cpu-share', '0.5', '--busy-pressure', '0.3', '--busy-steal', '0.2', '--busy-throttled', '0.1'],
];

describe('reproduce command', () => {
  it('parses back into the same config, for every flag set away from its default', () => {
    const config = parseGateArgs(['gate', ...EVERY_FLAG]);
    const printed = reproduceGateCommand(config);
    const words = shellWords(printed);
    expect(words.slice(0, 2)).toEqual(['npx', 'perf-gate']);
    const again = parseGateArgs(words.slice(2));
    // The cache location is this machine's, not part of the verdict (NOT_REPRODUCED).
    expect({ ...again, bench: { ...again.bench, cacheDir: '' } }).toEqual({
      ...config,
      bench: { ...config.bench, cacheDir: '' },
    });
  });

  it.each([
    ['defaults', ['gate']],
    ['a paired run', ['gate', '--model', 'pr.onnx', '--baseline-model', 'base.onnx', '--iterations', '150']],
    ['gate metrics none and a time budget', ['gate', '--gate-metrics', 'none', '--duration', '3']],
  ])('round trip: %s', (_name, args) => {
    const config = parseGateArgs(args);
    const again = parseGateArgs(shellWords(reproduceGateCommand(config)).slice(2));
    expect(again).toEqual(config);
  });

  it('writes only what differs from the defaults, and always the model', () => {
    expect(reproduceGateArgs(parseGateArgs(['gate']))).toEqual(['gate', '--model', 'builtin:yolov8n@640']);
  });

  it('names every gate flag as reproduced or left out with a reason', () => {
    const cmd = addGateOptions(new Command('gate'));
    // --ep is written for --execution-provider (its alias).
    const flags = cmd.options.map((o) => (o.long === '--execution-provider' ? '--ep' : (o.long as string)));
    const covered = new Set([...REPRODUCED_FLAG_NAMES, ...Object.keys(NOT_REPRODUCED)]);
    expect(flags.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !flags.includes(f))).toEqual([]);
  });

  it('a stored result reproduces with the settings it was measured with and the report policy', () => {
    const result = makeResult({ name: 'det', gpuName: 'NVIDIA L4', peakGpuBytes: 1 });
    const policy = makePolicy({ alpha: 0.01 });
    const config = gateConfigForResult(result, policy, 'baselines');
    expect(config.policy).toEqual(policy);
    const words = shellWords(reproduceGateCommand(config));
    expect(words).toEqual(
      expect.arrayContaining(['--model', result.model.path, '--name', 'det', '--ep', 'cuda']),
    );
    expect(words).toEqual(expect.arrayContaining(['--alpha', '0.01']));
    expect(parseGateArgs(words.slice(2)).policy).toEqual(policy);
    expect(gateConfigForResult(result, DEFAULT_POLICY, 'b').bench.stop).toEqual({
      iterations: result.settings.iterations,
    });
  });
});

/** Action inputs with no CLI flag on `gate`, and why. */
const ACTION_ONLY: Record<string, string> = {
  mode: 'the Action runs gate or merge; the CLI has a command for each',
  results: '`perf-gate merge --results`',
  title: '`perf-gate merge --title` / `report --title`',
  comment: 'the PR comment is the Action’s; the CLI prints or writes the report',
  'comment-key': 'the PR comment is the Action’s',
  'pull-request': 'the PR comment is the Action’s',
  'fail-on': 'the CLI’s exit code is the verdict’s; the Action maps it to a step failure',
  'github-token': 'the PR comment is the Action’s',
  'allow-fork-on-self-hosted': 'a guard for self-hosted runners',
  'output-dir': 'the CLI names each file: --out, --report, --report-json, --comparison-out',
  'working-directory': 'a composite-step setting',
  'node-version': 'a composite-step setting',
};

describe('CLI / Action parity', () => {
  it('every Action input is a gate flag or Action-only with a reason', async () => {
    const action = await loadActionYml();
    const flags = new Set(addGateOptions(new Command('gate')).options.map((o) => o.long as string));
    const missing = Object.keys(action.inputs).filter(
      (name) => !flags.has(`--${name}`) && !(name in ACTION_ONLY),
    );
    expect(missing).toEqual([]);
    expect(Object.keys(ACTION_ONLY).filter((name) => !(name in action.inputs))).toEqual([]);
  });
});
