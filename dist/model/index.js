export { PRECISIONS } from './precision.js';
export { SUPPORTED_ARCHS, DEFAULT_ARCH, DEFAULT_IMGSZ, parseArch, parseVariant, parsePrecision, DEFAULT_NMS, variantLabel, variantLayers, } from './options.js';
export { GENERATOR_VERSION, generateYoloModel, findVariantForFlopsIncrease, countFlops, } from './generator.js';
export { modelCacheKey, ensureModel, DEFAULT_MODEL_CACHE_DIR } from './cache.js';
export { formatModelInfo, formatFlopsIncrease } from './format.js';
