/**
 * Runner calibration: a fixed, short reference workload (our seeded YOLOv8n at a small image size,
 * on the CPU provider) timed just before the benchmark's session is created and just after it is
 * released. Its median says how fast this runner is now; stored with the result (and so with the
 * baseline), it lets the verdict tell "the model got slower" from "the runner got slower"
 * ({@link compareCalibration}).
 *
 * The reference runs in its own short-lived session outside the timed window and before the peak
 * memory is reset, so it changes neither the latency samples nor the peak memory of the benchmark.
 */
import { median } from 'simple-statistics';
import { createRunner } from '../bench/engine.js';
import { resolveInputs } from '../bench/inputs.js';
import { createSession } from '../bench/session.js';
import { timeRuns, warmUp } from '../bench/timing.js';
import { ensureModel } from '../model/index.js';
import { sha256File } from '../util/hash.js';
import { CALIBRATION_DEFAULTS } from '../config/host.js';
export { CALIBRATION_DEFAULTS } from '../config/host.js';
/** Generates (or finds) the reference model and returns the calibrator. */
export async function prepareCalibration(options) {
    const { arch, imgsz } = CALIBRATION_DEFAULTS;
    const phaseSeconds = options.phaseSeconds ?? CALIBRATION_DEFAULTS.phaseSeconds;
    const model = await ensureModel({ arch, imgsz }, options.cacheDir);
    const settings = {
        executionProviders: ['cpu'],
        graphOptimizationLevel: options.session.graphOptimizationLevel,
        intraOpThreads: options.session.intraOpThreads,
        interOpThreads: options.session.interOpThreads,
    };
    const workload = {
        model: `${arch}-${imgsz}`,
        sha256: await sha256File(model.path),
        provider: 'cpu',
        intraOpThreads: settings.intraOpThreads,
        interOpThreads: settings.interOpThreads,
        graphOptimizationLevel: settings.graphOptimizationLevel,
        phaseSeconds,
    };
    return {
        workload,
        measure: async () => {
            const session = await createSession(model.path, settings, undefined, 'calibration model');
            try {
                const run = createRunner(session, resolveInputs(session.inputMetadata));
                await warmUp(run, CALIBRATION_DEFAULTS.warmupRuns, 0);
                const samples = await timeRuns(run, {
                    durationSeconds: phaseSeconds,
                    maxIterations: CALIBRATION_DEFAULTS.maxRuns,
                });
                const values = Array.from(samples);
                return {
                    count: values.length,
                    medianMs: Math.round(median(values) * 1e6) / 1e6,
                    timedSeconds: Math.round(values.reduce((a, b) => a + b, 0)) / 1000,
                };
            }
            finally {
                await session.release();
            }
        },
    };
}
