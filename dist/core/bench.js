import { runBenchmark } from '../bench/engine.js';
import { startGpuMonitor } from '../gpu/monitor.js';
import { runProfilingPass } from '../profile/pass.js';
import { resolveModel } from './model-source.js';
import { isGpuProvider, planSession } from './session-plan.js';
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
            deviceIndex: use[0]?.deviceId ?? 0,
            minClockFraction: config.gpu.minClockFraction,
            log: reporter.info,
        })
        : undefined;
    const timedText = 'iterations' in config.stop ? `${config.stop.iterations} runs` : `${config.stop.durationSeconds} s`;
    const phaseText = {
        load: `loading ${model.path} on ${provider.actual}`,
        warmup: `warming up: at least ${config.warmupIterations} runs and ${config.warmupSeconds} s`,
        timed: `timing ${timedText}`,
        done: undefined,
    };
    const hooks = {
        onPhase: (phase) => {
            const text = phaseText[phase];
            if (text)
                reporter.phase(text);
        },
        ...(reporter.progress ? { onProgress: reporter.progress.bind(reporter) } : {}),
        ...(monitor
            ? {
                observer: monitor.observer,
                beforeSession: monitor.beforeSession,
                gpuFingerprint: monitor.fingerprint,
            }
            : {}),
    };
    const { result } = await runBenchmark({
        modelPath: model.path,
        ...(model.name ? { modelName: model.name } : {}),
        session,
        provider,
        dims: config.dims,
        warmupIterations: config.warmupIterations,
        warmupSeconds: config.warmupSeconds,
        stop: config.stop,
    }, hooks);
    reporter.endProgress?.();
    if (monitor)
        monitor.applyTo(result);
    let tracePath;
    if (config.profile.enabled) {
        reporter.phase('profile', `${config.profile.iterations} iterations in a separate process`);
        const pass = await runProfilingPass({
            modelPath: model.path,
            session,
            dims: config.dims,
            warmupIterations: Math.min(config.warmupIterations, 10),
            iterations: config.profile.iterations,
            cudaLaunchBlocking: provider.actual === 'cuda' || provider.actual === 'tensorrt',
        });
        result.profile = pass.summary;
        tracePath = pass.tracePath;
        reporter.info(`profile: ${pass.tracePath} (${(pass.traceBytes / 2 ** 20).toFixed(1)} MiB, ${pass.wallSeconds.toFixed(1)} s)`);
    }
    return { result, model, ...(tracePath ? { tracePath } : {}) };
}
