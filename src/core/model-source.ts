import { formatModelSource, type ModelSource } from '../config/bench.js';
import { ensureModel, formatModelInfo, type ModelInfo } from '../model/index.js';

/** A model ready to load: its path, display name and, for generated ones, what was generated. */
export interface ResolvedModel {
  path: string;
  /** The model as the user named it (`--model`): a path or `builtin:ARCH@IMGSZ`. */
  source: string;
  /** The input it came from (`--model`, `input "model"`), for error messages. */
  label: string;
  /** Display name; undefined for files means "the file name without extension". */
  name?: string;
  generated?: ModelInfo;
}

/**
 * Name of a generated model in results and baselines: `yolov8n-640`, plus `-nms`, `-fp16`/`-int8`
 * and `-variant` when they apply.
 */
export function builtinModelName(
  info: Pick<ModelInfo, 'arch' | 'imgsz'> &
    Partial<Pick<ModelInfo, 'nms' | 'precision'>> & { variant?: unknown },
): string {
  const precision = info.precision && info.precision !== 'fp32' ? `-${info.precision}` : '';
  return `${info.arch}-${info.imgsz}${info.nms ? '-nms' : ''}${precision}${info.variant ? '-variant' : ''}`;
}

/**
 * Turns a model source into a file: paths are used as given, built-in models are generated
 * into the cache on first use (seconds) and reused afterwards.
 */
export async function resolveModel(
  source: ModelSource,
  cacheDir: string,
  name: string | undefined,
  log: (line: string) => void = () => {},
): Promise<ResolvedModel> {
  const text = formatModelSource(source);
  const label = source.label;
  if (source.kind === 'file') return { path: source.path, source: text, label, ...(name ? { name } : {}) };
  const { path, info, cached } = await ensureModel(source.options, cacheDir);
  if (!cached) log(`generated ${path}\n${formatModelInfo(info)}`);
  return { path, source: text, label, name: name ?? builtinModelName(info), generated: info };
}
