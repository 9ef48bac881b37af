import { readResultFile, readStoredRun } from '../../baseline/io.js';
import { describeHardware, findBaseline } from '../../baseline/store.js';
import { compareResults } from '../../compare/index.js';
import { cliReader } from '../../config/reader.js';
import { parseReportConfig } from '../../config/report.js';
import { gateConfigForResult, reproduceGateCommand } from '../../config/reproduce.js';
import { renderJson, renderMarkdown, renderNoBaselineMarkdown, renderOpenMetrics, } from '../../report/index.js';
import { assertWritableTarget, writeFileAtomically } from '../../util/atomic.js';
import { ExitCode, exitCodeForVerdict } from '../../util/errors.js';
/**
 * `perf-gate report`: compares a current result with a baseline and renders the report (Markdown,
 * JSON, OpenMetrics), judged with the same policy flags as `gate`; the exit code is the verdict's.
 */
export async function run(opts, ctx) {
    const config = parseReportConfig(cliReader(opts));
    if (config.outPath)
        await assertWritableTarget(config.outPath, '--out');
    const current = await readResultFile(config.currentPath, `--current "${config.currentPath}"`);
    const emit = async (text) => {
        if (!config.outPath)
            return ctx.stdout(text);
        await writeFileAtomically(config.outPath, text, '--out');
        ctx.io.stderr(`report written to ${config.outPath}\n`);
    };
    let side;
    if (config.baseline.kind === 'file') {
        const path = config.baseline.path;
        const stored = await readStoredRun(path, `--baseline "${path}"`);
        const mismatch = stored.baseline && stored.baseline.key.hardwareClass !== current.environment.hardwareClass
            ? `baseline "${path}" is for ${describeHardware(stored.result.environment)}, this runner has ${describeHardware(current.environment)}`
            : undefined;
        side = {
            result: stored.result,
            ...(stored.history ? { history: stored.history } : {}),
            source: stored.baseline ? path : `result file ${path}`,
            ...(mismatch ? { hardwareMismatch: mismatch } : {}),
        };
    }
    else {
        const found = await findBaseline(config.baseline.dir, current);
        if (found.status === 'none') {
            // Same outcome as `gate` without a baseline: the numbers, the reason, inconclusive.
            ctx.io.stderr(`perf-gate: inconclusive: ${found.reason}\n`);
            if (config.format === 'markdown')
                await emit(renderNoBaselineMarkdown(current, found.reason));
            ctx.exitCode = ExitCode.Inconclusive;
            return;
        }
        side = {
            result: found.baseline.result,
            history: found.baseline.history,
            source: found.path,
            ...(found.status === 'hardware-mismatch' ? { hardwareMismatch: found.reason } : {}),
        };
    }
    const comparison = compareResults({
        baseline: side.result,
        current,
        ...(side.history ? { history: side.history } : {}),
        mode: 'stored-baseline',
        policy: config.policy,
        ...(side.hardwareMismatch ? { hardwareMismatch: side.hardwareMismatch } : {}),
    });
    const baselinesDir = config.baseline.kind === 'folder' ? config.baseline.dir : 'baselines';
    const input = {
        comparison,
        baseline: side.result,
        current,
        baselineSource: side.source,
        reproduceCommand: reproduceGateCommand(gateConfigForResult(current, config.policy, baselinesDir)),
        ...(config.title ? { title: config.title } : {}),
        ...(config.runUrl ? { runUrl: config.runUrl } : {}),
    };
    const text = config.format === 'json'
        ? renderJson(input)
        : config.format === 'openmetrics'
            ? renderOpenMetrics(input)
            : renderMarkdown(input, {
                ...(config.templatePath ? { templatePath: config.templatePath } : {}),
                ...(config.maxLength ? { maxLength: config.maxLength } : {}),
            });
    await emit(text);
    ctx.exitCode = exitCodeForVerdict(comparison.verdict);
}
