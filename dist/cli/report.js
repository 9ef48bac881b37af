import { BASELINE_KIND, describeHardware, findBaseline, loadBaselineFile, readJsonFile, readResultFile, } from '../baseline/index.js';
import { DEFAULT_POLICY, compareResults } from '../compare/index.js';
import { cliReader, readChoice, readOptionalInteger, readRequiredString, readString, } from '../config/reader.js';
import { renderJson, renderMarkdown, renderOpenMetrics, reproduceCommandFor, } from '../report/index.js';
import { BenchResultSchema } from '../schema/result.js';
import { assertValid } from '../schema/validate.js';
import { writeFileAtomically } from '../util/atomic.js';
import { UsageError } from '../util/errors.js';
const FORMATS = ['markdown', 'json', 'openmetrics'];
/** `--baseline` may be a baseline file (representative run + history) or a plain result file. */
async function readBaselineSide(path, current) {
    const json = await readJsonFile(path, `--baseline "${path}"`);
    const kind = json?.kind;
    if (kind === BASELINE_KIND) {
        const { baseline } = await loadBaselineFile(path);
        const mismatch = baseline.key.hardwareClass !== current.environment.hardwareClass
            ? `baseline "${path}" is for ${describeHardware(baseline.result.environment)}, this runner has ${describeHardware(current.environment)}`
            : undefined;
        return {
            result: baseline.result,
            history: baseline.history,
            source: path,
            path,
            ...(mismatch ? { hardwareMismatch: mismatch } : {}),
        };
    }
    return {
        result: assertValid(BenchResultSchema, json, `--baseline "${path}"`),
        source: `result file ${path}`,
        path,
    };
}
/** `perf-gate report`: renders the comparison of a baseline and a current result (Markdown, JSON, OpenMetrics). */
export function registerReportCommand(program, ctx) {
    program
        .command('report')
        .description('compare a current result with a baseline and render the report (PR comment Markdown, JSON, OpenMetrics)')
        .requiredOption('--current <path>', 'current result JSON (perf-gate bench --out)')
        .option('--baseline <path>', 'baseline file (baselines/*.json) or a result JSON of the base run')
        .option('--baselines <dir>', 'look the baseline up in this folder instead (model, provider, hardware class)')
        .option('--format <format>', `output format: ${FORMATS.join(', ')}`, 'markdown')
        .option('--template <path>', 'Handlebars template for the Markdown (default: templates/comment.md.hbs)')
        .option('--title <text>', 'report title')
        .option('--run-url <url>', 'link to the workflow run')
        .option('--max-length <n>', 'trim the Markdown to this many characters (default: fits a GitHub comment)')
        .option('--out <path>', 'write the report here (atomically) instead of stdout')
        .action(async (opts) => {
        const reader = cliReader(opts);
        const format = readChoice(reader, 'format', FORMATS, 'markdown');
        const currentPath = readRequiredString(reader, 'current');
        const current = await readResultFile(currentPath, `--current "${currentPath}"`);
        const baselinePath = readString(reader, 'baseline');
        const baselinesDir = readString(reader, 'baselines');
        let side;
        if (baselinePath)
            side = await readBaselineSide(baselinePath, current);
        else if (baselinesDir) {
            const found = await findBaseline(baselinesDir, current);
            if (found.status === 'none')
                throw new UsageError(`--baselines: ${found.reason}`);
            side = {
                result: found.baseline.result,
                history: found.baseline.history,
                source: found.path,
                path: found.path,
                ...(found.status === 'hardware-mismatch' ? { hardwareMismatch: found.reason } : {}),
            };
        }
        else
            throw new UsageError('--baseline: is required (or --baselines DIR to look it up)');
        const comparison = compareResults({
            baseline: side.result,
            current,
            ...(side.history ? { history: side.history } : {}),
            mode: 'stored-baseline',
            policy: DEFAULT_POLICY,
            ...(side.hardwareMismatch ? { hardwareMismatch: side.hardwareMismatch } : {}),
        });
        const title = readString(reader, 'title');
        const runUrl = readString(reader, 'run-url');
        const input = {
            comparison,
            baseline: side.result,
            current,
            baselineSource: side.source,
            reproduceCommand: reproduceCommandFor(current, side.path),
            ...(title ? { title } : {}),
            ...(runUrl ? { runUrl } : {}),
        };
        const maxLength = readOptionalInteger(reader, 'max-length', { min: 1000 });
        const templatePath = readString(reader, 'template');
        const text = format === 'json'
            ? renderJson(input)
            : format === 'openmetrics'
                ? renderOpenMetrics(input)
                : renderMarkdown(input, {
                    ...(templatePath ? { templatePath } : {}),
                    ...(maxLength ? { maxLength } : {}),
                });
        const out = readString(reader, 'out');
        if (out)
            await writeFileAtomically(out, text, '--out');
        else
            ctx.stdout(text);
    });
}
