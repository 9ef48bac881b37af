import { resolveExecutionProviders, toSessionExecutionProviders, } from '../gpu/providers.js';
export { isGpuProvider } from '../config/providers.js';
/**
 * Resolves the requested providers (checking they are really available, falling back only when
 * allowed) and builds the session settings every pass of one run shares: latency, paired and
 * profiling. A fallback is logged loudly and recorded in the provider outcome.
 */
export function planSession(config, log) {
    const providers = resolveExecutionProviders(config.executionProviders, {
        allowFallback: config.allowFallback,
    });
    if (providers.fallback) {
        log(`WARNING: execution provider fallback: ${providers.fallbackReason ?? ''} -> running on ${providers.actual}`);
    }
    return {
        use: providers.use,
        provider: {
            requested: config.executionProviders.map((ep) => ep.name),
            actual: providers.actual,
            fallback: providers.fallback,
            ...(providers.fallbackReason ? { reason: providers.fallbackReason } : {}),
        },
        session: {
            executionProviders: toSessionExecutionProviders(providers.use),
            graphOptimizationLevel: config.graphOptimizationLevel,
            intraOpThreads: config.intraOpThreads,
            interOpThreads: config.interOpThreads,
        },
    };
}
