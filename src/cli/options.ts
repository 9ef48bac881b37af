import type { Command } from 'commander';
import { BENCH_DEFAULTS, DEFAULT_MODEL_SPEC } from '../config/bench.js';
import { DEFAULT_BUSY_RULE } from '../host/busy.js';
import { CALIBRATION_DEFAULTS } from '../host/calibration.js';

/**
 * Adds the benchmark options shared by `bench`, `profile`, `gate` and `compare`. Values stay
 * strings here: src/config parses and validates them once, with messages naming the flag.
 */
export function addBenchOptions(cmd: Command, { modelFlag = true }: { modelFlag?: boolean } = {}): Command {
  if (modelFlag) {
    cmd.option(
      '--model <path>',
      `ONNX model file, or builtin:ARCH[@IMGSZ] for a generated YOLO model`,
      DEFAULT_MODEL_SPEC,
    );
  }
  return cmd
    .option(
      '--name <name>',
      'model name in results and baselines (default: file name, or yolov8n-640 for builtin)',
    )
    .option(
      '--ep, --execution-provider <list>',
      'execution providers in preference order: cuda[:ID], tensorrt[:ID], webgpu, cpu',
      'cpu',
    )
    .option(
      '--allow-fallback',
      'run on the next provider in the list when the first is unavailable (reported loudly)',
    )
    .option('--iterations <n>', `timed runs (default ${BENCH_DEFAULTS.iterations}; excludes --duration)`)
    .option('--duration <seconds>', 'time budget for the timed runs instead of a count')
    .option('--warmup <n>', `warm-up runs before timing (at least)`, String(BENCH_DEFAULTS.warmupIterations))
    .option(
      '--warmup-seconds <s>',
      'warm-up time before timing (at least)',
      String(BENCH_DEFAULTS.warmupSeconds),
    )
    .option(
      '--graph-optimization <level>',
      'onnxruntime graph optimisation: disabled, basic, extended, layout, all',
      'all',
    )
    .option('--intra-op-threads <n>', 'onnxruntime intra-op threads (0: onnxruntime default)', '0')
    .option('--inter-op-threads <n>', 'onnxruntime inter-op threads (0: onnxruntime default)', '0')
    .option('--dim <name=value...>', 'values for dynamic input dimensions, e.g. --dim batch=1')
    .option('--profile', 'run the per-operator profiling pass after the latency pass (separate process)')
    .option(
      '--profile-iterations <n>',
      'iterations of the profiling pass',
      String(BENCH_DEFAULTS.profileIterations),
    )
    .option(
      '--gpu-sample-interval <ms>',
      'GPU telemetry sampling interval',
      String(BENCH_DEFAULTS.gpuSampleIntervalMs),
    )
    .option(
      '--min-clock-fraction <f>',
      'mark the run unreliable when the SM clock drops below this fraction of its max',
      '0.9',
    )
    .option(
      '--busy-cpu-share <f>',
      'mark the run unreliable when other processes use more than this share of the CPUs (1: off)',
      String(DEFAULT_BUSY_RULE.maxOtherCpuShare),
    )
    .option(
      '--busy-pressure <f>',
      'mark the run unreliable when tasks wait for a CPU in more than this share of the timed window (1: off)',
      String(DEFAULT_BUSY_RULE.maxPressureShare),
    )
    .option(
      '--busy-steal <f>',
      'mark the run unreliable when steal time exceeds this share of the CPUs (1: off)',
      String(DEFAULT_BUSY_RULE.maxStealShare),
    )
    .option(
      '--busy-throttled <f>',
      'mark the run unreliable when the cgroup is throttled for more than this share of the window (1: off)',
      String(DEFAULT_BUSY_RULE.maxThrottledShare),
    )
    .option(
      '--calibration-seconds <s>',
      'seconds of the reference workload before and after the benchmark (0: no calibration)',
      String(CALIBRATION_DEFAULTS.phaseSeconds),
    )
    .option('--cache-dir <dir>', 'where generated models are cached', '.cache/models')
    .option('--quiet', 'no progress output on stderr');
}
