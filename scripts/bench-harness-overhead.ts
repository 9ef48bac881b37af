/**
 * Measures the benchmark harness's own overhead: the median of our per-iteration latency
 * (process.hrtime.bigint() around session.run, exactly as src/bench/timing.ts does) divided by
 * the median `model_run` duration that ONNX Runtime's profiler records for the same runs of the
 * same session. 1.00 means the harness adds nothing; the target is <= 1.02.
 *
 *   npx tsx scripts/bench-harness-overhead.ts [--arch yolov8n] [--imgsz 640] [--iterations 100]
 *     [--threads N (intra-op; 0 = onnxruntime default)]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from 'simple-statistics';
import { createRunner } from '../src/bench/engine.js';
import { resolveInputs } from '../src/bench/inputs.js';
import { createSession, DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { timeRuns, warmUp } from '../src/bench/timing.js';
import { ensureModel, parseArch } from '../src/model/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '640' },
    iterations: { type: 'string', default: '100' },
    warmup: { type: 'string', default: '10' },
    threads: { type: 'string', default: '0' },
  },
});
const iterations = Number(values.iterations);
const { path } = await ensureModel({
  arch: parseArch(values.arch ?? 'yolov8n'),
  imgsz: Number(values.imgsz),
});

const dir = await mkdtemp(join(tmpdir(), 'perf-gate-overhead-'));
try {
  const settings = { ...DEFAULT_SESSION_SETTINGS, intraOpThreads: Number(values.threads) };
  const session = await createSession(path, settings, {
    enableProfiling: true,
    profileFilePrefix: join(dir, 'ort'),
  });
  // Exactly the engine's timed call (src/bench/engine.ts).
  const run = createRunner(session, resolveInputs(session.inputMetadata));
  const warmups = await warmUp(run, Number(values.warmup), 0);
  const ours = Array.from(await timeRuns(run, { iterations }));
  session.endProfiling();
  await session.release();

  const file = (await readdir(dir)).find((f) => f.startsWith('ort') && f.endsWith('.json'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  const events = JSON.parse(await readFile(join(dir, file), 'utf8')) as {
    name: string;
    cat: string;
    dur: number;
  }[];
  // One model_run event per session.run, in order: drop the warm-up ones.
  const modelRuns = events
    .filter((e) => e.cat === 'Session' && e.name === 'model_run')
    .map((e) => e.dur / 1000);
  const timed = modelRuns.slice(warmups);
  if (timed.length !== ours.length) {
    throw new Error(
      `expected ${ours.length} model_run events after ${warmups} warm-ups, found ${timed.length}`,
    );
  }
  const oursMedian = median(ours);
  const ortMedian = median(timed);
  const result = {
    model: `${values.arch}@${values.imgsz}`,
    intraOpThreads: settings.intraOpThreads,
    iterations,
    harnessMedianMs: Number(oursMedian.toFixed(3)),
    ortModelRunMedianMs: Number(ortMedian.toFixed(3)),
    ratio: Number((oursMedian / ortMedian).toFixed(4)),
  };
  console.log(JSON.stringify(result));
  console.log(
    `harness median ${result.harnessMedianMs} ms / onnxruntime model_run median ${result.ortModelRunMedianMs} ms = ${result.ratio}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
