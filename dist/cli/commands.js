import { DEFAULT_BASELINES_DIR, DEFAULT_HISTORY_KEEP, DEFAULT_MAX_SAMPLES } from '../config/baseline.js';
import { DEFAULT_MERGE_TITLE, REPORT_FORMATS } from '../config/report.js';
import { addBenchOptions, addGateOptions, addPairedOptions, addPolicyOptions } from './options.js';
import { registerDashboardCommand, registerTrendCommand } from './trend.js';
/** Defers loading a command's module until it runs. */
function lazy(ctx, load) {
    return async (...params) => {
        // commander passes positional arguments first, then the options object, then the command.
        const opts = params[params.length - 2];
        const args = params.slice(0, -2);
        const { run } = await load();
        await run(opts, ctx, args);
    };
}
/** Registers every `perf-gate` sub-command. */
export function registerCommands(program, ctx) {
    const gate = program
        .command('gate')
        .description('benchmark a model and compare it with its committed baseline: the performance-conservation verdict');
    addGateOptions(gate).action(lazy(ctx, () => import('./run/gate.js')));
    const bench = program
        .command('bench')
        .description('benchmark a model: P50/P90/P95/P99 latency, throughput, memory, environment fingerprint');
    addBenchOptions(bench)
        .option('--out <path>', 'write the result JSON here (atomically)')
        .option('--json', 'print the result JSON on stdout instead of the summary')
        .action(lazy(ctx, () => import('./run/bench.js')));
    const compare = program
        .command('compare')
        .description('verdict between a baseline and a current run: stored results, or paired A/B benchmarking of two models')
        .option('--baseline <path>', 'stored mode: baseline file (baselines/*.json) or a result JSON of the base run')
        .option('--current <path>', 'stored mode: current result JSON (perf-gate bench --out)')
        .option('--hardware-mismatch <reason>', 'stored mode: the baseline comes from other hardware (verdict: inconclusive)')
        .option('--baseline-model <path>', 'paired mode: the base model (file or builtin:ARCH[@IMGSZ])')
        .option('--model <path>', 'paired mode: the changed model (file or builtin:ARCH[@IMGSZ])');
    addPairedOptions(compare);
    addBenchOptions(compare, { modelFlag: false });
    addPolicyOptions(compare)
        .option('--json', 'print the comparison JSON instead of the table')
        .option('--out <path>', 'write the comparison JSON here (atomically)')
        .action(lazy(ctx, () => import('./run/compare.js')));
    const profile = program
        .command('profile')
        .description("per-operator profile (ONNX Runtime's profiler, in a separate process): module split, top operators");
    addBenchOptions(profile, { timed: false })
        .option('--trace <path>', 'keep the raw trace here (opens in Perfetto / chrome://tracing)')
        .option('--top <n>', 'operators and nodes to list', '10')
        .option('--json', 'print the profile summary JSON')
        .action(lazy(ctx, () => import('./run/profile.js')));
    const baseline = program
        .command('baseline')
        .description('record and inspect the committed baselines (baselines/)');
    baseline
        .command('update')
        .description('record a result as the baseline for its model, provider and hardware class (appends to its history)')
        .requiredOption('--result <path>', 'result JSON written by perf-gate bench --out')
        .option('--baselines <dir>', 'baselines folder', DEFAULT_BASELINES_DIR)
        .option('--keep <n>', 'history entries to keep', String(DEFAULT_HISTORY_KEEP))
        .option('--max-samples <n>', 'latency samples stored (evenly thinned above)', String(DEFAULT_MAX_SAMPLES))
        .option('--commit <sha>', 'git commit to record (default: GITHUB_SHA, else git rev-parse HEAD)')
        .option('--date <iso>', 'record time, ISO 8601 (default: now)')
        .option('--force', 'record a run marked unreliable (busy machine, GPU throttled...)')
        .option('--allow-unreliable', 'the older name of --force')
        .action(lazy(ctx, () => import('./run/baseline-update.js')));
    baseline
        .command('show')
        .description('print the baselines in the folder (or one baseline file)')
        .argument('[file]', 'a baseline file to show')
        .option('--baselines <dir>', 'baselines folder', DEFAULT_BASELINES_DIR)
        .option('--model <name>', 'only baselines of this model name')
        .action(lazy(ctx, () => import('./run/baseline-show.js')));
    const report = program
        .command('report')
        .description('compare a current result with a baseline and render the report (PR comment Markdown, JSON, OpenMetrics)')
        .requiredOption('--current <path>', 'current result JSON (perf-gate bench --out)')
        .option('--baseline <path>', 'baseline file (baselines/*.json) or a result JSON of the base run')
        .option('--baselines <dir>', 'look the baseline up in this folder instead (model, provider, hardware class)')
        .option('--format <format>', `output format: ${REPORT_FORMATS.join(', ')}`, 'markdown')
        .option('--template <path>', 'Handlebars template for the Markdown (default: templates/comment.md.hbs)')
        .option('--title <text>', 'report title')
        .option('--run-url <url>', 'link to the workflow run')
        .option('--max-length <n>', 'trim the Markdown to this many characters (default: fits a GitHub comment)')
        .option('--out <path>', 'write the report here (atomically) instead of stdout');
    addPolicyOptions(report).action(lazy(ctx, () => import('./run/report.js')));
    program
        .command('merge')
        .description('combine several gate jobs (a matrix) into one Markdown report: a row per job and the overall verdict')
        .requiredOption('--results <paths...>', 'folders (searched recursively) or files: result and report JSON documents')
        .option('--out <path>', 'write the Markdown here (atomically) instead of printing it')
        .option('--title <text>', 'heading of the report', DEFAULT_MERGE_TITLE)
        .option('--fail-on <verdict>', 'exit non-zero for: regression, inconclusive or never', 'never')
        .action(lazy(ctx, () => import('./run/merge.js')));
    const model = program
        .command('model')
        .description('generate YOLO ONNX models for tests, demos and benchmarks');
    model
        .command('generate')
        .description('generate a YOLO model with seeded weights (yolov8n/s/m/l/x, yolo11n/s/m/l/x, yolo26n/s/m/l/x)')
        .option('--arch <arch>', 'architecture', 'yolov8n')
        .option('--imgsz <n>', 'input image size (multiple of 32)', '640')
        .option('--classes <n>', 'number of classes', '80')
        .option('--seed <n>', 'weight seed', '0')
        .option('--variant <spec>', 'a slower variant, e.g. extra-blocks:LAYER:COUNT')
        .option('--nms', 'append NMS as an Ultralytics nms=True export does (conf 0.25, iou 0.7, max_det 300)')
        .option('--precision <p>', 'fp32, fp16 (half=True export) or int8 (QDQ)', 'fp32')
        .option('--out <path>', 'copy the model here (default: print the cache path)')
        .option('--cache-dir <dir>', 'cache folder', '.cache/models')
        .option('--json', 'print the model info as JSON')
        .action(lazy(ctx, () => import('./run/model-generate.js')));
    registerTrendCommand(program, ctx);
    registerDashboardCommand(program, ctx);
}
