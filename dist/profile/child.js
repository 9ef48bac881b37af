/**
 * The profiling pass's child process (spawned by pass.ts, never imported). It creates a session with
 * onnxruntime's profiler on, runs the warm-up and measured iterations, ends profiling and reports the
 * trace path as one JSON line on stdout, prefixed with {@link REPLY_PREFIX}. Running in its own process
 * keeps profiler overhead out of the latency pass and lets the parent set CUDA_LAUNCH_BLOCKING=1.
 *
 * argv[2]: JSON {@link ChildRequest}. Exit code 0 on success; on failure one JSON reply with
 * `ok: false` and the message on stderr, exit code 2 (usage) or 1.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createSessionWithFallback, describeSessionFailure } from '../bench/session.js';
import { loadImages } from '../bench/engine.js';
import { createInputFeeds, resolveInputs } from '../bench/inputs.js';
import { errorMessage, isUsageError } from '../util/errors.js';
import { REPLY_PREFIX } from './protocol.js';
async function main() {
    const raw = process.argv[2];
    if (!raw)
        return { ok: false, usage: false, message: 'profiling child: missing request argument' };
    const req = JSON.parse(raw);
    const created = await createSessionWithFallback(req.modelPath, req.session, {
        profiling: { enableProfiling: true, profileFilePrefix: join(req.outDir, 'ort-profile') },
        allowFallback: req.allowFallback ?? false,
    });
    const session = created.session;
    const t0 = performance.now();
    let imageNames;
    try {
        const inputs = resolveInputs(session.inputMetadata, req.dims);
        // Images are decoded before the first run; run i feeds image i mod n, as in the latency pass.
        const images = req.images?.length ? await loadImages(req.images, inputs) : undefined;
        imageNames = images?.images.map((i) => i.name);
        const feeds = images ? images.tensors.map((t) => ({ [inputs[0].name]: t })) : [createInputFeeds(inputs)];
        // Profiling starts at session creation: the warm-up runs are in the trace too, as the first
        // `warmupRuns` model_run events; the parent drops them (aggregate.ts `skipRuns`).
        const total = req.warmupIterations + req.iterations;
        for (let i = 0; i < total; i++)
            await session.run(feeds[i % feeds.length]);
        session.endProfiling(); // the JS API returns nothing: find the file the prefix produced
    }
    finally {
        await session.release();
    }
    const runSeconds = (performance.now() - t0) / 1000;
    const files = (await readdir(req.outDir)).filter((f) => f.startsWith('ort-profile') && f.endsWith('.json'));
    if (files.length === 0) {
        return { ok: false, usage: false, message: `onnxruntime wrote no profile into "${req.outDir}"` };
    }
    // One session, one file; if there were more, the newest is ours.
    const withTimes = await Promise.all(files.map(async (f) => ({ f, t: (await stat(join(req.outDir, f))).mtimeMs })));
    withTimes.sort((a, b) => b.t - a.t);
    return {
        ok: true,
        tracePath: join(req.outDir, withTimes[0].f),
        warmupRuns: req.warmupIterations,
        runs: req.warmupIterations + req.iterations,
        runSeconds,
        session: created.settings,
        fallbacks: created.failures.map(describeSessionFailure),
        ...(imageNames ? { imageNames } : {}),
    };
}
main().then((reply) => {
    process.stdout.write(`${REPLY_PREFIX}${JSON.stringify(reply)}\n`);
    if (!reply.ok) {
        process.stderr.write(`${reply.message}\n`);
        process.exitCode = 1;
    }
}, (err) => {
    const usage = isUsageError(err);
    const message = errorMessage(err).split('\n')[0] ?? 'unknown error';
    process.stdout.write(`${REPLY_PREFIX}${JSON.stringify({ ok: false, usage, message })}\n`);
    process.stderr.write(`${message}\n`);
    process.exitCode = usage ? 2 : 1;
});
