import { BENCH_DEFAULTS, DEFAULT_MODEL_SPEC } from '../config/bench.js';
import { PAIRED_SETTING_DEFAULTS } from '../config/gate.js';
import { CALIBRATION_DEFAULTS, DEFAULT_BUSY_RULE } from '../config/host.js';
/**
 * The option groups shared by several commands. Values stay strings here: src/config parses and
 * validates them once, with messages naming the flag. This module loads only commander and
 * constants, so `perf-gate --help` stays fast.
 */
/**
 * Benchmark options shared by `bench`, `profile`, `gate` and `compare`. `timed: false` (the
 * `profile` command) leaves out what only the timed latency pass uses.
 */
export function addBenchOptions(cmd, { modelFlag = true, timed = true } = {}) {
    if (modelFlag) {
        cmd.option('--model <path>', `ONNX model file, or builtin:ARCH[@IMGSZ] for a generated YOLO model`, DEFAULT_MODEL_SPEC);
    }
    cmd
        .option('--name <name>', 'model name in results and baselines (default: file name, or yolov8n-640 for builtin)')
        .option('--ep, --execution-provider <list>', 'execution providers in preference order: cuda[:ID], tensorrt[:ID], webgpu, cpu', 'cpu')
        .option('--allow-fallback', 'run on the next provider in the list when the first is unavailable (reported loudly)');
    if (timed) {
        cmd
            .option('--iterations <n>', `timed runs (default ${BENCH_DEFAULTS.iterations}; excludes --duration)`)
            .option('--duration <seconds>', 'time budget for the timed runs instead of a count');
    }
    cmd
        .option('--warmup <n>', `warm-up runs before timing (at least)`, String(BENCH_DEFAULTS.warmupIterations))
        .option('--warmup-seconds <s>', 'warm-up time before timing (at least)', String(BENCH_DEFAULTS.warmupSeconds))
        .option('--graph-optimization <level>', 'onnxruntime graph optimisation: disabled, basic, extended, layout, all', 'all')
        .option('--intra-op-threads <n>', 'onnxruntime intra-op threads (0: onnxruntime default)', '0')
        .option('--inter-op-threads <n>', 'onnxruntime inter-op threads (0: onnxruntime default)', '0')
        .option('--dim <name=value...>', 'values for dynamic input dimensions, e.g. --dim batch=1')
        .option('--inputs <paths...>', 'JPEG/PNG images or folders of them to feed (letterboxed as Ultralytics does), cycled in the timed loop')
        .option('--profile-iterations <n>', 'iterations of the profiling pass', String(BENCH_DEFAULTS.profileIterations));
    if (timed) {
        cmd
            .option('--profile', 'run the per-operator profiling pass after the latency pass (separate process)')
            .option('--gpu-sample-interval <ms>', 'GPU telemetry sampling interval', String(BENCH_DEFAULTS.gpuSampleIntervalMs))
            .option('--min-clock-fraction <f>', 'mark the run unreliable when the SM clock drops below this fraction of its max', '0.9')
            .option('--busy-cpu-share <f>', 'mark the run unreliable when other processes use more than this share of the CPUs (1: off)', String(DEFAULT_BUSY_RULE.maxOtherCpuShare))
            .option('--busy-pressure <f>', 'mark the run unreliable when tasks wait for a CPU in more than this share of the timed window (1: off)', String(DEFAULT_BUSY_RULE.maxPressureShare))
            .option('--busy-steal <f>', 'mark the run unreliable when steal time exceeds this share of the CPUs (1: off)', String(DEFAULT_BUSY_RULE.maxStealShare))
            .option('--busy-throttled <f>', 'mark the run unreliable when the cgroup is throttled for more than this share of the window (1: off)', String(DEFAULT_BUSY_RULE.maxThrottledShare))
            .option('--calibration-seconds <s>', 'seconds of the reference workload before and after the benchmark (0: no calibration)', String(CALIBRATION_DEFAULTS.phaseSeconds))
            .option('--reference <mode>', "off, or interleaved: time a generated YOLO11n at the model's input size alternating with the model, so a stored baseline compares the P50 ratio (cancels the runner's speed)", 'off');
    }
    return cmd
        .option('--cache-dir <dir>', 'where generated models are cached', '.cache/models')
        .option('--job <key>', 'name of this job in a matrix, so perf-gate merge keeps it apart from jobs on the same model')
        .option('--quiet', 'no progress output on stderr');
}
/** The verdict policy's options, shared by `gate`, `compare` and `report` (same names as the Action inputs). */
export function addPolicyOptions(cmd) {
    return cmd
        .option('--threshold-p50 <fraction>', 'practical P50 threshold: 0.03 or 3% (default 3%)')
        .option('--threshold-p99 <fraction>', 'practical P99 threshold: 0.10 or 10% (default 10%)')
        .option('--threshold-spike-rate <fraction>', 'growth of the spike rate in percentage points: 0.04 or 4% (default 4%)')
        .option('--threshold-memory <fraction>', 'practical peak-memory threshold: 0.05 or 5% (default 5%) ...')
        .option('--threshold-memory-mib <mib>', '... and at least this many MiB (default 16)')
        .option('--alpha <p>', 'family-wise significance level after Holm correction (default 0.05)')
        .option('--gate-metrics <list>', 'metrics that fail the gate: p50,p99,spike-rate,peak-memory, or none (default all)')
        .option('--min-history-runs <n>', 'baseline runs needed before the run-to-run spread counts as known (default 3)')
        .option('--assumed-run-spread <fraction>', 'run-to-run spread assumed while the history is shorter (default 5%)')
        .option('--calibration-tolerance <fraction>', 'runner speed change on the reference workload that still counts as the same runner (default 10%)')
        .option('--profile-gate <rule>', 'per-operator gate, e.g. module:10 (fail if any module is >10% slower); default off')
        .option('--unreliable <policy>', 'an unreliable run (throttled GPU, busy machine): inconclusive (default) or ignore');
}
/** Paired A/B mode's sampling options, shared by `gate` and `compare`. */
export function addPairedOptions(cmd) {
    return cmd
        .option('--paired-budget <seconds>', 'paired mode: timed-sampling budget of adaptive sampling, both models together (default 60)')
        .option('--block-size <n>', `paired mode: consecutive runs of one model per block (default ${PAIRED_SETTING_DEFAULTS.blockSize})`)
        .option('--adaptive <bool>', 'paired mode: sample more while inconclusive, within the budget (default true)')
        .option('--paired-memory-probes <n>', `paired mode: peak-memory runs per model, each alone in its own process (default ${PAIRED_SETTING_DEFAULTS.memoryProbes}; 0: off)`);
}
/** Every option of `gate`: the CLI twin of the Action's gate inputs (test/action/parity.test.ts). */
export function addGateOptions(cmd) {
    addBenchOptions(cmd)
        .option('--baselines <dir>', 'folder of committed baselines', 'baselines')
        .option('--baseline <mode>', 'auto (a pull request against its base commit, else the stored baseline), stored, or a model to compare with paired (default auto)')
        .option('--base-ref <ref>', "compare with this commit, branch or tag's model instead of the event's base (baseline auto)")
        .option('--model-command <command>', 'shell command that writes the model to $PERF_GATE_MODEL_OUT, run at the base commit and here (baseline auto)')
        .option('--model-command-timeout <s>', 'seconds each run of --model-command may take (default 1800)')
        .option('--runs <n>', 'current runs, each in its own process, compared run against runs (stored baseline; default 1)')
        .option('--baseline-model <path>', 'paired A/B mode: compare against this model, benchmarked interleaved in this process (same as --baseline PATH)');
    addPairedOptions(cmd);
    return addPolicyOptions(cmd)
        .option('--update-baseline', 'record this run into the baselines folder afterwards')
        .option('--force', 'with --update-baseline: record the run even when it is marked unreliable')
        .option('--history <k>', 'run summaries kept in a baseline history (10)')
        .option('--out <path>', 'write the result JSON here')
        .option('--report <path>', 'write the Markdown report here')
        .option('--report-json <path>', 'write the JSON report document here (what perf-gate merge combines)')
        .option('--comparison-out <path>', 'write the comparison document here (schemas/comparison.schema.json)')
        .option('--baseline-out <path>', "paired mode: write the base model's result JSON here (samples and block order, for re-analysis)")
        .option('--template <path>', 'Handlebars template for the Markdown report')
        .option('--markdown', 'print the Markdown report instead of the text summary');
}
