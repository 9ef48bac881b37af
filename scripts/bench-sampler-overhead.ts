/**
 * Does GPU sampling perturb the latency it accompanies? Runs one CPU session of a generated model
 * in alternating blocks with the GPU sampler on (a worker thread polling NVML every 50 ms) and off,
 * in one process, and reports P50(on) / P50(off). Target: <= 1.01.
 *
 * There is no GPU here, so the sampler polls the fake NVML library the tests use
 * (test/fixtures/gpu/fake_nvml.c, compiled with gcc): the worker thread, the koffi FFI calls and the
 * message passing are the real ones; only the driver's answer is scripted. On a GPU machine, pass
 * --real-nvml to sample the real libnvidia-ml.so.1.
 *
 *   npx tsx scripts/bench-sampler-overhead.ts [--arch yolov8n] [--imgsz 320] [--blocks 20] [--block-size 10]
 *     [--threads N (intra-op; 0 = onnxruntime default)] [--real-nvml]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createRunner } from '../src/bench/engine.js';
import { resolveInputs } from '../src/bench/inputs.js';
import { createSession, DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { timeRuns, warmUp } from '../src/bench/timing.js';
import { isGpuUnavailable } from '../src/gpu/telemetry.js';
import { startGpuSampler } from '../src/gpu/sampler.js';
import { ensureModel, parseArch } from '../src/model/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '320' },
    blocks: { type: 'string', default: '20' },
    'block-size': { type: 'string', default: '10' },
    interval: { type: 'string', default: '50' },
    threads: { type: 'string', default: '0' },
    'real-nvml': { type: 'boolean', default: false },
  },
});

if (!values['real-nvml']) {
  const dir = mkdtempSync(join(tmpdir(), 'perf-gate-sampler-'));
  const lib = join(dir, 'libfake_nvml.so');
  execFileSync('gcc', ['-shared', '-fPIC', '-O1', '-o', lib, 'test/fixtures/gpu/fake_nvml.c']);
  const script = join(dir, 'script.txt');
  const device =
    'device name=NVIDIA_H100_80GB_HBM3 uuid=GPU-00000000-0000-0000-0000-000000000000 total=85520809984 maxsm=1980 powerlimit=700000 mig=0 ecc=1';
  const sample = `sample used=2147483648 util=90 sm=1980 mem=2619 temp=60 power=400000 reasons=0x0 procs=${process.pid}:1073741824`;
  writeFileSync(script, `${device}\n${sample}\n`);
  process.env.PERF_GATE_NVML_LIBRARY = lib;
  process.env.FAKE_NVML_SCRIPT = script;
}

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
const on: number[] = [];
const off: number[] = [];
let samplesTaken = 0;
for (let block = 0; block < Number(values.blocks); block++) {
  // Alternate which arm goes first so a slow drift does not favour one.
  for (const arm of block % 2 === 0 ? (['on', 'off'] as const) : (['off', 'on'] as const)) {
    if (arm === 'off') {
      off.push(...(await timeRuns(run, { iterations: blockSize })));
      continue;
    }
    const sampler = await startGpuSampler({ intervalMs: Number(values.interval) });
    if (isGpuUnavailable(sampler)) throw new Error(`sampler unavailable: ${sampler.unavailable}`);
    on.push(...(await timeRuns(run, { iterations: blockSize })));
    await sampler.stop();
    samplesTaken += sampler.samples().length;
  }
}
await session.release();
const result = {
  model: `${values.arch}@${values.imgsz}`,
  runsPerArm: on.length,
  gpuSamplesTaken: samplesTaken,
  p50OffMs: Number(median(off).toFixed(3)),
  p50OnMs: Number(median(on).toFixed(3)),
  ratio: Number((median(on) / median(off)).toFixed(4)),
};
console.log(JSON.stringify(result));
console.log(
  `P50 with sampling ${result.p50OnMs} ms / without ${result.p50OffMs} ms = ${result.ratio} (${samplesTaken} GPU samples)`,
);
