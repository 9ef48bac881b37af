/**
 * Parsing and validation of generator options. Every error is a one-line UsageError naming the input
 * and the value, so the CLI can print it as is.
 */
import { UsageError, quoteValue } from '../util/errors.js';
import { ARCH_NAMES, archTable, type YoloArch } from './architectures.js';
import { MAX_DET, type ModelVariant, type NmsOptions } from './network.js';
import { PRECISIONS, type Precision } from './precision.js';

/** Options of {@link generateYoloModel}; only `arch` is required. */
export interface GenerateOptions {
  arch: YoloArch;
  /** Square input size in pixels, a positive multiple of 32 (the largest stride). Default 640. */
  imgsz?: number;
  /** Number of classes of the Detect head. Default 80 (COCO), as in the published models. */
  numClasses?: number;
  /** Weight seed, an integer in [0, 2^32). Default 0. */
  seed?: number;
  /** A slower variant of the architecture (see {@link ModelVariant}). */
  variant?: ModelVariant;
  /**
   * Append NMS as an Ultralytics `nms=True` export does: `true` for the export defaults
   * ({@link DEFAULT_NMS}), or explicit thresholds. Not for end-to-end models (YOLO26).
   */
  nms?: boolean | Partial<NmsOptions>;
  /** Weights and activations: fp32 (default), fp16 (`half=True` export) or int8 (QDQ). */
  precision?: Precision;
}

/** Options with defaults applied, after validation. */
export interface ResolvedOptions {
  arch: YoloArch;
  imgsz: number;
  numClasses: number;
  seed: number;
  variant?: ModelVariant;
  /** NMS appended to the graph, with its thresholds (absent: raw head output). */
  nms?: NmsOptions;
  /** Storage and compute precision of weights and activations. */
  precision: Precision;
}

/** Ultralytics' export defaults for NMS in the graph: conf 0.25 (predict's default), iou 0.7, max_det 300. */
export const DEFAULT_NMS: NmsOptions = { conf: 0.25, iou: 0.7, maxDet: MAX_DET };

/** Every architecture this generator builds. */
export const SUPPORTED_ARCHS: readonly YoloArch[] = ARCH_NAMES;
/** The architecture used when none is named. */
export const DEFAULT_ARCH = 'yolov8n' satisfies YoloArch;
/** Ultralytics' default export size. */
export const DEFAULT_IMGSZ = 640;
export const DEFAULT_NUM_CLASSES = 80;
export const DEFAULT_SEED = 0;

/** The layers a variant may target: the C2f (YOLOv8) or C3k2 (YOLO11, YOLO26) layers of the architecture. */
export function variantLayers(arch: YoloArch): number[] {
  const { table } = archTable(arch);
  return [...table.backbone, ...table.head].flatMap((row, i) =>
    row[2] === 'C2f' || row[2] === 'C3k2' ? [i] : [],
  );
}

/**
 * Parses an architecture name (case-insensitive).
 * @param inputName the option the value came from, for the error message.
 * @throws UsageError naming the input and value and listing the valid names.
 */
export function parseArch(value: string, inputName = '--arch'): YoloArch {
  const v = value.trim().toLowerCase();
  if ((ARCH_NAMES as readonly string[]).includes(v)) return v as YoloArch;
  throw new UsageError(
    `${inputName}: unknown YOLO architecture ${quoteValue(value)}; expected one of ${ARCH_NAMES.join(', ')}`,
  );
}

/**
 * Parses a variant from a CLI string:
 * - `extra-blocks:<layer>:<count>`, e.g. `extra-blocks:6:2` (2 more blocks in layer 6), count 1..64;
 * - `widen:<layer>:<factor>`, e.g. `widen:6:1.5` (hidden width of layer 6 x1.5), factor in (1, 8].
 * The layer must be a C2f/C3k2 layer of the architecture; that is checked when the model is generated.
 * @throws UsageError naming the input and value.
 */
export function parseVariant(spec: string, inputName = '--variant'): ModelVariant {
  const bad = (why: string) =>
    new UsageError(
      `${inputName}: ${why}, got "${spec}" (expected extra-blocks:<layer>:<count> or widen:<layer>:<factor>)`,
    );
  const parts = spec.trim().split(':');
  if (parts.length !== 3) throw bad('expected three ":"-separated fields');
  const [kind, layerText, amountText] = parts as [string, string, string];
  if (!/^\d+$/.test(layerText)) throw bad(`layer must be a non-negative integer`);
  const layer = Number(layerText);
  if (kind === 'extra-blocks') {
    if (!/^\d+$/.test(amountText)) throw bad('count must be a positive integer');
    return checkVariant({ kind, layer, count: Number(amountText) }, inputName, spec);
  }
  if (kind === 'widen') {
    if (!/^\d+(\.\d+)?$/.test(amountText)) throw bad('factor must be a number');
    return checkVariant({ kind, layer, factor: Number(amountText) }, inputName, spec);
  }
  throw bad(`unknown variant kind "${kind}"`);
}

function checkVariant(v: ModelVariant, inputName: string, shown: string): ModelVariant {
  const fail = (why: string) => new UsageError(`${inputName}: ${why}, got "${shown}"`);
  if (!Number.isSafeInteger(v.layer) || v.layer < 0) throw fail('layer must be a non-negative integer');
  if (v.kind === 'extra-blocks' && (!Number.isSafeInteger(v.count) || v.count < 1 || v.count > 64)) {
    throw fail('count must be an integer from 1 to 64');
  }
  if (v.kind === 'widen' && (!Number.isFinite(v.factor) || v.factor <= 1 || v.factor > 8)) {
    throw fail('factor must be a number above 1 and at most 8');
  }
  return v;
}

/** A variant as `--variant` takes it: `extra-blocks:6:2`, `widen:6:1.5`. */
export function variantSpec(v: ModelVariant): string {
  return v.kind === 'extra-blocks' ? `extra-blocks:${v.layer}:${v.count}` : `widen:${v.layer}:${v.factor}`;
}

/**
 * Parses a precision name (`fp32`, `fp16`, `int8`; case-insensitive).
 * @throws UsageError naming the input and the value.
 */
export function parsePrecision(value: string, inputName = '--precision'): Precision {
  const v = value.trim().toLowerCase();
  if ((PRECISIONS as readonly string[]).includes(v)) return v as Precision;
  throw new UsageError(`${inputName}: expected one of ${PRECISIONS.join(', ')}, got "${value}"`);
}

/** A variant as a short string: `extra-blocks-6x2`, `widen-6x1.5`. */
export function variantLabel(v: ModelVariant): string {
  return v.kind === 'extra-blocks' ? `extra-blocks-${v.layer}x${v.count}` : `widen-${v.layer}x${v.factor}`;
}

/**
 * Applies defaults and validates every option.
 * @throws UsageError naming the option and the value.
 */
export function resolveOptions(opts: GenerateOptions): ResolvedOptions {
  const arch = parseArch(String(opts.arch), 'arch');
  const imgsz = opts.imgsz ?? DEFAULT_IMGSZ;
  if (!Number.isSafeInteger(imgsz) || imgsz <= 0 || imgsz % 32 !== 0 || imgsz > 8192) {
    throw new UsageError(`imgsz: expected a positive multiple of 32 up to 8192, got "${imgsz}"`);
  }
  const numClasses = opts.numClasses ?? DEFAULT_NUM_CLASSES;
  if (!Number.isSafeInteger(numClasses) || numClasses < 1 || numClasses > 10000) {
    throw new UsageError(`numClasses: expected an integer from 1 to 10000, got "${numClasses}"`);
  }
  const seed = opts.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new UsageError(`seed: expected an integer from 0 to 4294967295, got "${seed}"`);
  }
  const precision = opts.precision ?? 'fp32';
  if (!PRECISIONS.includes(precision)) {
    throw new UsageError(`precision: expected one of ${PRECISIONS.join(', ')}, got "${String(precision)}"`);
  }
  const resolved: ResolvedOptions = { arch, imgsz, numClasses, seed, precision };
  if (opts.nms) {
    if (archTable(arch).table.endToEnd) {
      throw new UsageError(
        `nms: ${arch} is end-to-end (its one-to-one head selects the top ${MAX_DET} boxes in the graph); NMS does not apply`,
      );
    }
    const nms = { ...DEFAULT_NMS, ...(opts.nms === true ? {} : opts.nms) };
    if (!(nms.conf >= 0 && nms.conf < 1) || !(nms.iou > 0 && nms.iou <= 1)) {
      throw new UsageError(`nms: conf must be in [0, 1) and iou in (0, 1], got "${JSON.stringify(nms)}"`);
    }
    if (!Number.isSafeInteger(nms.maxDet) || nms.maxDet < 1 || nms.maxDet > 10000) {
      throw new UsageError(`nms: maxDet must be an integer from 1 to 10000, got "${nms.maxDet}"`);
    }
    resolved.nms = nms;
  }
  if (opts.variant) {
    const shown =
      typeof opts.variant === 'object' && opts.variant !== null && 'kind' in opts.variant
        ? variantSpec(opts.variant)
        : String(opts.variant);
    const v = checkVariant(opts.variant, 'variant', shown);
    const layers = variantLayers(arch);
    if (!layers.includes(v.layer)) {
      const module = archTable(arch).table.family === 'yolov8' ? 'C2f' : 'C3k2';
      throw new UsageError(
        `variant: layer ${v.layer} of ${arch} is not a ${module} layer (valid: ${layers.join(', ')}), got "${shown}"`,
      );
    }
    resolved.variant = v;
  }
  return resolved;
}
