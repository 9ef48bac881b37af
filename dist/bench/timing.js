/**
 * The timed loop, kept apart so that nothing but `run` sits between the two clock reads.
 *
 * The clock is `process.hrtime.bigint()`: monotonic, nanosecond resolution, not subject to
 * wall-clock adjustments (Node.js docs, "process.hrtime.bigint()").
 */
const NS_PER_MS = 1e6;
/**
 * Times `run` repeatedly and returns every sample in milliseconds.
 * Progress is reported at most every `progressEveryMs` of wall time, between iterations.
 */
export async function timeRuns(run, stop, onProgress, progressEveryMs = 250, select) {
    const capacity = 'iterations' in stop ? stop.iterations : stop.maxIterations;
    const budgetNs = 'durationSeconds' in stop ? BigInt(Math.round(stop.durationSeconds * 1e9)) : undefined;
    const samples = new Float64Array(capacity);
    const startNs = process.hrtime.bigint();
    let nextProgressNs = startNs + BigInt(progressEveryMs * NS_PER_MS);
    let count = 0;
    while (count < capacity) {
        select?.(count);
        const t0 = process.hrtime.bigint();
        await run();
        const t1 = process.hrtime.bigint();
        samples[count++] = Number(t1 - t0) / NS_PER_MS;
        if (budgetNs !== undefined && t1 - startNs >= budgetNs)
            break;
        if (onProgress && t1 >= nextProgressNs) {
            nextProgressNs = t1 + BigInt(progressEveryMs * NS_PER_MS);
            onProgress(count, 'iterations' in stop ? stop.iterations : undefined, Number(t1 - startNs) / 1e9);
        }
    }
    return samples.subarray(0, count);
}
/**
 * Warm-up: runs until at least `iterations` runs AND at least `seconds` have passed
 * (either may be 0). Warm-up lets onnxruntime allocate its arenas, pick kernels and fill caches.
 */
export async function warmUp(run, iterations, seconds, select) {
    const start = process.hrtime.bigint();
    const budgetNs = BigInt(Math.round(seconds * 1e9));
    let done = 0;
    while (done < iterations || process.hrtime.bigint() - start < budgetNs) {
        select?.(done);
        await run();
        done++;
    }
    return done;
}
