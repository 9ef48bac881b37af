/**
 * The timed loop, kept apart so that nothing but `run` sits between the two clock reads.
 *
 * The clock is `process.hrtime.bigint()`: monotonic, nanosecond resolution, not subject to
 * wall-clock adjustments (Node.js docs, "process.hrtime.bigint()").
 */
import { createRandomSource, DEFAULT_SEED } from '../stats/rng.js';
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
 * Times the model and a reference workload in the same window, alternating: one reference run per
 * model run, each pair in an order drawn from a seeded generator, so that neither always follows
 * the other (a run that follows the other session's runs pays a switching cost, docs/verdict.md).
 * Both share the machine's moments, so the ratio of their medians cancels the runner's speed.
 *
 * The model's samples are exactly those {@link timeRuns} would keep: `stop.iterations` of them, or
 * as many as fit in `stop.durationSeconds` of wall time (which now also holds the reference runs).
 * Only one `run` sits between each pair of clock reads; the draw and `select` happen outside them.
 */
export async function timeInterleaved(run, reference, stop, options = {}) {
    const capacity = 'iterations' in stop ? stop.iterations : stop.maxIterations;
    const budgetNs = 'durationSeconds' in stop ? BigInt(Math.round(stop.durationSeconds * 1e9)) : undefined;
    const progressEveryMs = options.progressEveryMs ?? 250;
    const random = createRandomSource(options.seed ?? DEFAULT_SEED);
    const samples = new Float64Array(capacity);
    const ref = new Float64Array(capacity);
    const order = [];
    const startNs = process.hrtime.bigint();
    let nextProgressNs = startNs + BigInt(progressEveryMs * NS_PER_MS);
    let count = 0;
    while (count < capacity) {
        options.select?.(count);
        const modelFirst = random() < 0.5;
        const [first, second] = modelFirst ? [run, reference] : [reference, run];
        const t0 = process.hrtime.bigint();
        await first();
        const t1 = process.hrtime.bigint();
        const t2 = process.hrtime.bigint();
        await second();
        const t3 = process.hrtime.bigint();
        const firstMs = Number(t1 - t0) / NS_PER_MS;
        const secondMs = Number(t3 - t2) / NS_PER_MS;
        samples[count] = modelFirst ? firstMs : secondMs;
        ref[count] = modelFirst ? secondMs : firstMs;
        order.push(modelFirst ? 'M' : 'R');
        count++;
        if (budgetNs !== undefined && t3 - startNs >= budgetNs)
            break;
        if (options.onProgress && t3 >= nextProgressNs) {
            nextProgressNs = t3 + BigInt(progressEveryMs * NS_PER_MS);
            options.onProgress(count, 'iterations' in stop ? stop.iterations : undefined, Number(t3 - startNs) / 1e9);
        }
    }
    return { samples: samples.subarray(0, count), reference: ref.subarray(0, count), order: order.join('') };
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
