import type { ProviderOutcome } from '../bench/engine.js';
import type { SessionSettings } from '../bench/session.js';
import type { BenchConfig } from '../config/bench.js';
import {
  resolveExecutionProviders,
  toSessionExecutionProviders,
  type ExecutionProviderRequest,
} from '../gpu/providers.js';

/** How a configured benchmark will run: the session settings and the provider outcome to record. */
export interface SessionPlan {
  session: SessionSettings;
  provider: ProviderOutcome;
  /** The provider list actually used, first entry first (device ids kept). */
  use: ExecutionProviderRequest[];
}

/** True for providers that run on the GPU (one owner: src/gpu/provider-names.ts). */
export { isGpuProvider } from '../gpu/provider-names.js';

/**
 * Resolves the requested providers (checking they are really available, falling back only when
 * allowed) and builds the session settings every pass of one run shares: latency, paired and
 * profiling. A fallback is logged loudly and recorded in the provider outcome.
 */
export function planSession(config: BenchConfig, log: (line: string) => void): SessionPlan {
  const providers = resolveExecutionProviders(config.executionProviders, {
    allowFallback: config.allowFallback,
  });
  if (providers.fallback) {
    log(
      `WARNING: execution provider fallback: ${providers.fallbackReason ?? ''} -> running on ${providers.actual}`,
    );
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
