/**
 * Does the machine-state monitor perturb the latency it watches? One CPU session of a generated
 * model, timed in alternating blocks with the monitor on (a snapshot of /proc, the cgroup and the
 * CPU clocks before the block and after it, then the summary and the busy rule, exactly as
 * src/core/bench.ts does around the timed window) and off, in one process. Prints P50(on) / P50(off).
 * Target: <= 1.01.
 *
 *   npx tsx scripts/bench-machine-state-overhead.ts [--arch yolov8n] [--imgsz 320] [--blocks 30] [--block-size 10]
 *     [--threads N (intra-op; 0 = onnxruntime default)]
 */
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createRunner } from '../src/bench/engine.js';
import { resolveInputs } from '../src/bench/inputs.js';
import { createSession, DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { timeRuns, warmUp } from '../src/bench/timing.js';
import { createMachineStateMonitor } from '../src/host/monitor.js';
import { ensureModel, parseArch } from '../src/model/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '320' },
    blocks: { type: 'string', default: '30' },
    'block-size': { type: 'string', default: '10' },
    threads: { type: 'string', default: '0' },
  },
});

const { path } = await ensureModel({
  arch: parseArch(values.arch ?? 'yolov8n'),
  imgsz: Number(values.imgsz),
});
const session = await createSession(path, {
  ...DEFAULT_SESSION_SETTINGS,
  intraOpThreads: Number(values.threads),
});
const run = createRunner(session, resolveInputs(session.inputMetadata));
await warmUp(run, 10, 1);

const blockSize = Number(values['block-size']);
const blocks = Number(values.blocks);
const on: number[] = [];
const off: number[] = [];
let busyBlocks = 0;
const snapshotMs: number[] = [];
for (let block = 0; block < blocks; block++) {
  // Alternate which arm goes first so a slow drift does not favour one.
  for (const arm of block % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
    if (arm === 'off') {
      off.push(...(await timeRuns(run, { iterations: blockSize })));
      continue;
    }
    const monitor = createMachineStateMonitor();
    const t0 = process.hrtime.bigint();
    await monitor.observer.start();
    const t1 = process.hrtime.bigint();
    on.push(...(await timeRuns(run, { iterations: blockSize })));
    const t2 = process.hrtime.bigint();
    const state = await monitor.observer.stop();
    // What the monitor costs per run, all of it outside the timed loop: both snapshots and the summary.
    snapshotMs.push(Number(t1 - t0 + (process.hrtime.bigint() - t2)) / 1e6);
    if (state?.assessment.busy) busyBlocks++;
  }
  process.stderr.write(`\rblock ${block + 1}/${blocks}`);
}
process.stderr.write('\n');
await session.release();
const result = {
  model: `${values.arch}@${values.imgsz}`,
  runsPerArm: on.length,
  p50OffMs: Number(median(off).toFixed(3)),
  p50OnMs: Number(median(on).toFixed(3)),
  ratio: Number((median(on) / median(off)).toFixed(4)),
  busyBlocks,
  monitorMsPerWindow: Number(median(snapshotMs).toFixed(3)),
};
console.log(JSON.stringify(result));
console.log(
  `P50 with the monitor ${result.p50OnMs} ms / without ${result.p50OffMs} ms = ${result.ratio} (${busyBlocks} of ${blocks} monitored blocks judged busy; the monitor itself: ${result.monitorMsPerWindow} ms per window, outside the timed runs)`,
);
