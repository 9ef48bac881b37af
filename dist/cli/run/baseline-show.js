import { stat } from 'node:fs/promises';
import { formatBaseline, listBaselines, loadBaselineFile } from '../../baseline/store.js';
import { parseBaselineShowConfig } from '../../config/baseline.js';
import { cliReader } from '../../config/reader.js';
import { UsageError } from '../../util/errors.js';
/** `perf-gate baseline show [file]`: print one baseline, or every baseline in the folder. */
export async function run(opts, ctx, args) {
    const config = parseBaselineShowConfig(cliReader(opts), args[0]);
    const target = config.file ?? config.baselinesDir;
    const info = await stat(target).catch(() => undefined);
    if (config.file && !info)
        throw new UsageError(`baseline "${config.file}": no such file`);
    const loaded = info?.isFile() ? [await loadBaselineFile(target)] : await listBaselines(target);
    const shown = loaded.filter((b) => !config.model || b.baseline.key.model === config.model);
    if (shown.length === 0) {
        const names = [...new Set(loaded.map((b) => b.baseline.key.model))];
        throw new UsageError(config.model
            ? `--model: no baseline for "${config.model}" in "${target}"${names.length ? ` (models: ${names.join(', ')})` : ''}`
            : `--baselines: no baselines in "${target}"`);
    }
    ctx.stdout(shown.map((b) => formatBaseline(b.baseline, b.path)).join('\n'));
}
