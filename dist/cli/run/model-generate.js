import { readFile } from 'node:fs/promises';
import { cliReader } from '../../config/reader.js';
import { parseModelGenerateConfig } from '../../config/report.js';
import { ensureModel, formatModelInfo } from '../../model/index.js';
import { toPrettyJson, writeFileAtomically } from '../../util/atomic.js';
/** `perf-gate model generate`: writes a generated YOLO model (cached) and prints its size and FLOPs. */
export async function run(opts, ctx) {
    const config = parseModelGenerateConfig(cliReader(opts));
    const { path, info, cached } = await ensureModel(config.options, config.cacheDir);
    if (config.outPath)
        await writeFileAtomically(config.outPath, await readFile(path), '--out');
    const where = config.outPath ?? path;
    if (config.json)
        ctx.stdout(toPrettyJson({ path: where, cached, ...info }));
    else
        ctx.stdout(`${formatModelInfo(info)}\n${cached ? 'cached' : 'written'}: ${where}\n`);
}
