import { combineObservers, checkImagesForModel, runBenchmark, } from '../bench/engine.js';
import { assertReadableModel } from '../bench/session.js';
import { startGpuMonitor } from '../gpu/monitor.js';
import { probeWebGpuAdapter } from '../gpu/webgpu-adapter.js';
import { summarizeCalibration } from '../host/calibration-compare.js';
import { prepareCalibration } from '../host/calibration.js';
import { createMachineStateMonitor } from '../host/monitor.js';
import { runProfilingPass } from '../profile/pass.js';
import { resolveModel } from './model-source.js';
import { isCudaProvider, isGpuProvider } from '../config/providers.js';
import { formatBytes } from '../util/format.js';
import { planSession } from './session-plan.js';
/**
 * Benchmarks one model as configured: resolves the model and provider, samples the GPU from a
 * worker thread during the timed window when a GPU provider runs, then (optionally) profiles in
 * a separate process. The latency numbers never include profiling or sampling work.
 */
export async function benchmark(config, reporter, modelOverride) {
    const model = modelOverride ?? (await resolveModel(config.model, config.cacheDir, config.modelName, reporter.info));
    const { session, provider, use } = planSession(config, (line) => (reporter.warn ?? reporter.info).call(reporter, line));
    const monitor = isGpuProvider(provider.actual)
        ? startGpuMonitor({
            intervalMs: config.gpu.sampleIntervalMs,
            cudaDeviceId: use[0]?.deviceId ?? 0,
            minClockFraction: config.gpu.minClockFraction,
            log: reporter.info,
        })
        : undefined;
    // onnxruntime-node does not say which WebGPU adapter it used; read it from Vulkan, in this process.
    let webgpuAdapter;
    if (provider.actual === 'webgpu') {
        const probed = probeWebGpuAdapter();
        if ('unavailable' in probed)
            reporter.info(`WebGPU adapter not recorded: ${probed.unavailable}`);
        else
            webgpuAdapter = probed;
    }
    const timedText = ('iterations' in config.stop ? `${config.stop.iterations} runs` : `${config.stop.durationSeconds} s`) +
        (config.inputs.length > 0 ? ', cycling through the input images' : '') +
        (config.reference === 'interleaved' ? ', each with a reference run' : '');
    const phaseText = {
        reference: "preparing the reference workload (yolo11n at the model's input size, timed interleaved)",
        load: `loading ${model.path} on ${provider.actual}`,
        warmup: `warming up: at least ${config.warmupIterations} runs and ${config.warmupSeconds} s`,
        timed: `timing ${timedText}`,
        done: undefined,
    };
    // A provider that fails to create its session falls back (when allowed) inside runBenchmark;
    // GPU sampling then only continues if the provider that really runs is a GPU one.
    let sampleGpu = monitor !== undefined;
    const gpuObserver = monitor && {
        start: () => (sampleGpu ? monitor.observer.start() : Promise.resolve()),
        stop: () => (sampleGpu ? monitor.observer.stop() : Promise.resolve(undefined)),
    };
    // The machine-state snapshots go last, so they sit closest to the timed loop.
    const machine = createMachineStateMonitor({ rule: config.busyRule });
    const observers = [...(gpuObserver ? [gpuObserver] : []), machine.observer];
    const hooks = {
        onProviderFallback: (line, actual) => {
            (reporter.warn ?? reporter.info).call(reporter, line);
            sampleGpu = sampleGpu && isGpuProvider(actual);
        },
        onPhase: (phase) => {
            const text = phaseText[phase];
            if (text)
                reporter.phase(text);
        },
        ...(reporter.progress ? { onProgress: reporter.progress.bind(reporter) } : {}),
        ...(webgpuAdapter ? { webgpuAdapter } : {}),
        observer: combineObservers(observers),
        ...(monitor
            ? {
                beforeSession: monitor.beforeSession,
                afterSession: () => (sampleGpu ? monitor.afterSession() : Promise.resolve()),
                // Read when the result is assembled: the device may be corrected after the session exists.
                get gpuFingerprint() {
                    return monitor.fingerprint;
                },
            }
            : {}),
    };
    // A model that cannot be read, or a bad image, is a one-line usage error before any calibration work.
    await assertReadableModel(model.path, model.label);
    const images = config.inputs.length > 0 ? await checkImagesForModel(config.inputs, model.path) : undefined;
    let calibrator;
    let calibrationBefore;
    if (config.calibration.phaseSeconds > 0) {
        reporter.phase(`calibrating the runner: ${config.calibration.phaseSeconds} s of a reference workload`);
        calibrator = await prepareCalibration({
            cacheDir: config.cacheDir,
            session,
            phaseSeconds: config.calibration.phaseSeconds,
        });
        calibrationBefore = await calibrator.measure();
    }
    const { result, session: usedSession } = await runBenchmark({
        modelPath: model.path,
        ...(model.name ? { modelName: model.name } : {}),
        modelSource: model.source,
        modelLabel: model.label,
        ...(config.job ? { job: config.job } : {}),
        session,
        provider,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        warmupSeconds: config.warmupSeconds,
        stop: config.stop,
        allowFallback: config.allowFallback,
        ...(images ? { images } : {}),
        ...(config.reference === 'interleaved' ? { reference: { cacheDir: config.cacheDir } } : {}),
    }, hooks);
    reporter.endProgress?.();
    if (monitor && sampleGpu)
        monitor.applyTo(result);
    machine.applyTo(result);
    if (calibrator && calibrationBefore) {
        reporter.phase('calibrating the runner again after the benchmark');
        result.calibration = summarizeCalibration(calibrator.workload, calibrationBefore, await calibrator.measure());
    }
    let tracePath;
    if (config.profile.enabled) {
        reporter.phase('profile', `${config.profile.iterations} iterations in a separate process`);
        const pass = await runProfilingPass({
            modelPath: model.path,
            session: usedSession,
            dims: config.dims,
            warmupIterations: Math.min(config.warmupIterations, 10),
            iterations: config.profile.iterations,
            ...(config.inputs.length > 0 ? { images: config.inputs } : {}),
            cudaLaunchBlocking: isCudaProvider(result.provider.actual),
        });
        result.profile = pass.summary;
        tracePath = pass.tracePath;
        reporter.info(`profile: ${formatBytes(pass.traceBytes)} trace, ${pass.wallSeconds.toFixed(1)} s`);
    }
    return { result, model, ...(tracePath ? { tracePath } : {}) };
}
