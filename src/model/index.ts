/**
 * YOLO ONNX model generator: YOLOv8, YOLO11 and YOLO26 detection models built from Ultralytics' layer tables,
 * named as an Ultralytics ONNX export names them, with seeded random weights, plus slower variants
 * for regression tests. See docs/architecture.md (src/model/).
 */
export type { YoloArch } from './architectures.js';
export type { ModelVariant, NmsOptions } from './network.js';
export type { Precision } from './precision.js';
export { PRECISIONS } from './precision.js';
export type { GenerateOptions } from './options.js';
export type { ModelInfo } from './generator.js';
export {
  SUPPORTED_ARCHS,
  DEFAULT_ARCH,
  DEFAULT_IMGSZ,
  parseArch,
  parseVariant,
  parsePrecision,
  DEFAULT_NMS,
  variantLabel,
  variantLayers,
} from './options.js';
export {
  GENERATOR_VERSION,
  generateYoloModel,
  findVariantForFlopsIncrease,
  countFlops,
} from './generator.js';
export { modelCacheKey, ensureModel, DEFAULT_MODEL_CACHE_DIR } from './cache.js';
export { formatModelInfo, formatFlopsIncrease } from './format.js';
