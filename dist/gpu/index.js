/** GPU support: providers, telemetry (NVML / nvidia-smi), sampler, summary, health, fingerprint, schemas. */
export * from './schema.js';
export * from './reasons.js';
export * from './providers.js';
export * from './telemetry.js';
export { openNvml, nvmlLibraryPath, NvmlTelemetrySource, NvmlError, NVML_LIBRARY_ENV, DEFAULT_NVML_LIBRARY, } from './nvml.js';
export { openNvidiaSmi, NvidiaSmiTelemetrySource, parseSmiCsv, parseSmiCudaVersion, parseSmiList, parseSmiSampleRow, smiValue, smiNumber, } from './smi.js';
export * from './sampler.js';
export * from './summary.js';
export * from './health.js';
export * from './fingerprint.js';
export { readElfNeeded } from './elf.js';
export * from './monitor.js';
export * from './device-map.js';
export { probeWebGpuAdapter, listVulkanDevices, formatVulkanDriverVersion } from './webgpu-adapter.js';
export { MIG_UTILIZATION_UNAVAILABLE } from './mig.js';
