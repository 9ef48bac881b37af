import { ensureModel, formatModelInfo } from '../model/index.js';
/** Name of a generated model in results and baselines: `yolov8n-640` (plus the variant when there is one). */
export function builtinModelName(info) {
    return `${info.arch}-${info.imgsz}${info.variant ? '-variant' : ''}`;
}
/**
 * Turns a model source into a file: paths are used as given, built-in models are generated
 * into the cache on first use (seconds) and reused afterwards.
 */
export async function resolveModel(source, cacheDir, name, log = () => { }) {
    if (source.kind === 'file')
        return { path: source.path, ...(name ? { name } : {}) };
    const { path, info, cached } = await ensureModel(source.options, cacheDir);
    if (!cached)
        log(`generated ${path}\n${formatModelInfo(info)}`);
    return { path, name: name ?? builtinModelName(info), generated: info };
}
