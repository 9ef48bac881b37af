/**
 * Worker-thread body of the GPU sampler: opens the telemetry source in this thread and samples on
 * a timer, so the main thread that times `session.run` does no FFI calls or subprocess reads.
 * Protocol: -> {type:'ready', kind, device} | {type:'unavailable', reason}; <- {type:'stop'};
 * -> {type:'done', samples, errors, lastError}.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { errorMessage } from '../util/errors.js';
import { NvidiaSmiTelemetrySource } from './smi.js';
import { isGpuUnavailable, openGpuTelemetry } from './telemetry.js';
const data = workerData;
const port = parentPort;
if (!port)
    throw new Error('sampler-worker must run in a worker thread');
const source = openGpuTelemetry({
    nvmlLibrary: data.nvmlLibrary,
    smiCommand: data.smiCommand,
    disableNvml: data.disableNvml,
});
if (isGpuUnavailable(source)) {
    port.postMessage({ type: 'unavailable', reason: source.unavailable });
    port.close();
}
else {
    const samples = [];
    let errors = 0;
    let lastError = null;
    const fail = (err) => {
        errors++;
        lastError = errorMessage(err);
    };
    const device = source.deviceInfo(data.device);
    if (!device) {
        port.postMessage({
            type: 'unavailable',
            reason: `GPU ${data.device} not found (${source.kind} lists ${source.devices().length} device(s))`,
        });
        source.close();
        port.close();
    }
    else {
        const timers = [];
        let stopStream = null;
        const take = () => {
            try {
                samples.push(source.sample(data.device));
            }
            catch (err) {
                fail(err);
            }
        };
        if (source instanceof NvidiaSmiTelemetrySource) {
            // One streaming nvidia-smi (-lms) for the fast fields; the process list at a slower pace.
            let procs = null;
            const poll = () => {
                try {
                    procs = source.processes(data.device);
                }
                catch (err) {
                    fail(err);
                }
            };
            poll();
            take();
            stopStream = source.stream(data.device, data.intervalMs, (s) => samples.push({ ...s, processes: procs }));
            timers.push(setInterval(poll, Math.max(500, data.intervalMs * 10)));
        }
        else {
            take();
            timers.push(setInterval(take, data.intervalMs));
        }
        port.postMessage({ type: 'ready', kind: source.kind, device });
        port.on('message', (msg) => {
            if (msg.type !== 'stop')
                return;
            for (const t of timers)
                clearInterval(t);
            stopStream?.();
            take();
            // Release the driver before reporting, so the caller never overlaps with this session.
            source.close();
            port.postMessage({ type: 'done', samples, errors, lastError });
            port.close();
        });
    }
}
