/**
 * The identity of the job that produced a run, for `perf-gate merge`: the `--job` key when one was
 * given, else everything that makes two runs of one model different measurements (model bytes,
 * provider, hardware, session settings, dims, sample count). Two documents with one identity are the
 * same job twice. Pure.
 */
export function jobIdentity(result) {
    if (result.job)
        return `job:${result.job}`;
    const s = result.settings;
    return JSON.stringify([
        result.model.name,
        result.model.sha256,
        result.provider.actual,
        result.environment.hardwareClass,
        s.graphOptimizationLevel,
        s.intraOpThreads,
        s.interOpThreads,
        Object.entries(s.dims).sort(([a], [b]) => (a < b ? -1 : 1)),
        s.iterations ?? null,
        s.durationSeconds ?? null,
    ]);
}
/** How a job is named in the merged report: its `--job` key, or what sets it apart. */
export function jobLabel(result) {
    if (result.job)
        return result.job;
    const s = result.settings;
    const parts = [
        s.intraOpThreads ? `intra-op ${s.intraOpThreads}` : '',
        s.interOpThreads ? `inter-op ${s.interOpThreads}` : '',
        s.graphOptimizationLevel !== 'all' ? `graph ${s.graphOptimizationLevel}` : '',
        ...Object.entries(s.dims).map(([k, v]) => `${k}=${v}`),
    ].filter(Boolean);
    return parts.length > 0 ? parts.join(', ') : undefined;
}
