import { formatModelSource } from '../config/bench.js';
import { ensureModel, formatModelInfo } from '../model/index.js';
/**
 * Name of a generated model in results and baselines: `yolov8n-640`, plus `-nms`, `-fp16`/`-int8`
 * and `-variant` when they apply.
 */
export function builtinModelName(info) {
    const precision = info.precision && info.precision !== 'fp32' ? `-${info.precision}` : '';
    return `${info.arch}-${info.imgsz}${info.nms ? '-nms' : ''}${precision}${info.variant ? '-variant' : ''}`;
}
/**
 * Turns a model source into a file: paths are used as given, built-in models are generated
 * into the cache on first use (seconds) and reused afterwards.
 */
export async function resolveModel(source, cacheDir, name, log = () => { }) {
    const text = formatModelSource(source);
    const label = source.label;
    if (source.kind === 'file')
        return { path: source.path, source: text, label, ...(name ? { name } : {}) };
    const { path, info, cached } = await ensureModel(source.options, cacheDir);
    if (!cached)
        log(`generated ${path}\n${formatModelInfo(info)}`);
    return { path, source: text, label, name: name ?? builtinModelName(info), generated: info };
}
