import os from 'node:os';
import * as ort from 'onnxruntime-node';
/** Installed onnxruntime-node version (the native binding's own report). */
export function onnxruntimeVersion() {
    return ort.env.versions?.node ?? ort.env.versions?.common ?? 'unknown';
}
/**
 * Groups machines whose numbers are comparable: the GPU model for GPU providers, otherwise
 * the CPU model and its logical core count. Baseline files are keyed by it.
 */
export function hardwareClassOf(cpuModel, logicalCpus, executionProvider, gpuName) {
    const slug = (s) => s
        .toLowerCase()
        .replace(/\(r\)|\(tm\)|cpu|processor|@.*$/g, '')
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, '');
    if (executionProvider !== 'cpu' && gpuName)
        return `gpu-${slug(gpuName)}`;
    return `cpu-${slug(cpuModel) || 'unknown'}-${logicalCpus}c`;
}
/** Collects the environment fingerprint of this process (pure apart from reading os/process facts). */
export function collectEnvironment(settings, executionProvider, gpu, webgpuAdapter) {
    const cpus = os.cpus();
    const cpuModel = (cpus[0]?.model ?? 'unknown').trim();
    const logicalCpus = Math.max(1, cpus.length);
    return {
        hardwareClass: hardwareClassOf(cpuModel, logicalCpus, executionProvider, gpu?.model),
        cpuModel,
        logicalCpus,
        totalMemoryBytes: os.totalmem(),
        os: `${os.platform()} ${os.release()}`,
        arch: os.arch(),
        node: process.version,
        onnxruntime: onnxruntimeVersion(),
        executionProvider,
        intraOpThreads: settings.intraOpThreads,
        interOpThreads: settings.interOpThreads,
        graphOptimizationLevel: settings.graphOptimizationLevel,
        ...(gpu ? { gpu } : {}),
        ...(webgpuAdapter && executionProvider === 'webgpu' ? { webgpuAdapter } : {}),
    };
}
