/**
 * Where should the busy-machine rule draw its lines? Times short windows of one CPU session while
 * 0, 1 or N spinning processes (N = CPUs) run beside it, in a shuffled order, and prints for every
 * window what the machine-state monitor saw (other processes' cores, CPU pressure, steal) next to
 * the window's P50 as a ratio to the median P50 of the windows without a hog. The defaults in
 * src/host/busy.ts come from this table (docs/machine-state.md).
 *
 *   npx tsx scripts/measure-busy.ts [--arch yolov8n] [--imgsz 160] [--windows 18] [--seconds 2]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createRunner } from '../src/bench/engine.js';
import { resolveInputs } from '../src/bench/inputs.js';
import { createSession, DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { timeRuns, warmUp } from '../src/bench/timing.js';
import { createMachineStateMonitor } from '../src/host/monitor.js';
import type { MachineState } from '../src/host/schema.js';
import { ensureModel, parseArch } from '../src/model/index.js';
import { createRandomSource } from '../src/stats/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '160' },
    windows: { type: 'string', default: '18' },
    seconds: { type: 'string', default: '2' },
  },
});
const cpus = availableParallelism();
const seconds = Number(values.seconds);

/** `count` spinning processes, each stopping by itself after `maxSeconds` at the latest. */
async function hog(count: number, maxSeconds: number): Promise<() => void> {
  const body = `const end=Date.now()+${maxSeconds * 1000};process.stdout.write('x');let x=0;while(Date.now()<end){x=(x*1103515245+12345)%2147483648;}`;
  const kids: ChildProcess[] = [];
  for (let i = 0; i < count; i++) {
    const c = spawn(process.execPath, ['-e', body], { stdio: ['ignore', 'pipe', 'ignore'] });
    kids.push(c);
    await new Promise((r) => c.stdout?.once('data', r));
  }
  return () => kids.forEach((c) => c.kill('SIGKILL'));
}

const { path } = await ensureModel({
  arch: parseArch(values.arch ?? 'yolov8n'),
  imgsz: Number(values.imgsz),
});
const session = await createSession(path, DEFAULT_SESSION_SETTINGS);
const run = createRunner(session, resolveInputs(session.inputMetadata));
await warmUp(run, 10, 1);

const conditions = [0, 1, cpus];
const plan: number[] = [];
for (let i = 0; i < Number(values.windows); i++) plan.push(conditions[i % conditions.length] as number);
const random = createRandomSource(7);
for (let i = plan.length - 1; i > 0; i--) {
  const j = Math.floor(random() * (i + 1));
  [plan[i], plan[j]] = [plan[j] as number, plan[i] as number];
}

interface Row {
  hogs: number;
  p50: number;
  state: MachineState;
  load1: number;
}
const rows: Row[] = [];
for (const [i, hogs] of plan.entries()) {
  const stop = hogs > 0 ? await hog(hogs, seconds + 30) : () => undefined;
  const monitor = createMachineStateMonitor();
  await monitor.observer.start();
  const samples = await timeRuns(run, { durationSeconds: seconds, maxIterations: 100_000 });
  const state = (await monitor.observer.stop()) as MachineState;
  stop();
  rows.push({ hogs, p50: median(Array.from(samples)), state, load1: loadavg()[0] ?? 0 });
  process.stderr.write(`\rwindow ${i + 1}/${plan.length}`);
  // Let the killed hogs leave the run queue before the next window.
  await new Promise((r) => setTimeout(r, 500));
}
process.stderr.write('\n');
await session.release();

const quietP50 = median(rows.filter((r) => r.hogs === 0).map((r) => r.p50));
const f = (x: number | undefined, d = 2) => (x === undefined ? '-' : x.toFixed(d));
console.log(
  `model ${values.arch}@${values.imgsz}, ${cpus} CPUs, ${seconds} s windows; P50 ratio to the median P50 without a hog (${quietP50.toFixed(2)} ms)`,
);
console.log(
  '| hogs | other cores | pressure | steal cores | load1 | P50 ms | P50 ratio | busy by default rule |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
for (const r of rows.sort(
  (a, b) => a.hogs - b.hogs || (a.state.cpu?.otherCores ?? 0) - (b.state.cpu?.otherCores ?? 0),
)) {
  console.log(
    `| ${r.hogs} | ${f(r.state.cpu?.otherCores)} | ${f(r.state.pressure?.someShare)} | ${f(r.state.cpu?.stealCores)} | ${f(r.load1, 1)} | ${f(r.p50)} | ${f(r.p50 / quietP50)} | ${r.state.assessment.busy ? 'yes' : 'no'} |`,
  );
}
