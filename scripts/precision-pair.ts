/**
 * Does the gate's verdict on a precision change agree with the latency change it measured? Runs the
 * paired A/B mode (both models in one process, interleaved in randomised blocks) on a generated model
 * in FP32 against the same model in FP16 and in INT8 (QDQ), on the CPU provider, and prints P50 of
 * each side, their ratio, the verdict and whether the verdict's direction matches the ratio.
 *
 *   npx tsx scripts/precision-pair.ts [--arch yolov8n] [--imgsz 640] [--iterations 100] [--budget 30]
 *     [--precisions fp16,int8]
 */
import { parseArgs } from 'node:util';
import { runPaired } from '../src/core/paired.js';
import { DEFAULT_POLICY } from '../src/config/policy.js';
import { DEFAULT_SESSION_SETTINGS } from '../src/bench/session.js';
import { ensureModel, parseArch, parsePrecision } from '../src/model/index.js';

const { values } = parseArgs({
  options: {
    arch: { type: 'string', default: 'yolov8n' },
    imgsz: { type: 'string', default: '640' },
    iterations: { type: 'string', default: '100' },
    budget: { type: 'string', default: '30' },
    precisions: { type: 'string', default: 'fp16,int8' },
  },
});

const arch = parseArch(values.arch ?? 'yolov8n');
const imgsz = Number(values.imgsz);
const base = await ensureModel({ arch, imgsz });
console.log(`${arch}@${imgsz}, CPU provider, paired A/B (one process, randomised blocks of 5)`);
console.log(
  '| pair | P50 fp32 | P50 changed | ratio | P50 change 95% CI | samples/side | verdict | verdict agrees |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
for (const p of (values.precisions ?? '').split(',').filter(Boolean)) {
  const precision = parsePrecision(p);
  const changed = await ensureModel({ arch, imgsz, precision });
  process.stderr.write(`pairing ${arch}@${imgsz} fp32 vs ${precision}...\n`);
  const out = await runPaired({
    baseline: { path: base.path, name: `${arch}-${imgsz}` },
    current: { path: changed.path, name: `${arch}-${imgsz}-${precision}` },
    session: DEFAULT_SESSION_SETTINGS,
    provider: { requested: ['cpu'], actual: 'cpu', fallback: false },
    dims: {},
    warmupIterations: 10,
    warmupSeconds: 1,
    policy: DEFAULT_POLICY,
    firstRoundPairs: Number(values.iterations),
    maxTimedSeconds: Number(values.budget),
  });
  const b = out.baseline.latency.p50;
  const c = out.current.latency.p50;
  const ratio = c / b;
  const verdict = out.comparison.verdict;
  const p50 = out.comparison.metrics.find((m) => m.metric === 'p50');
  // regression / improvement claim a direction, which must match the ratio; pass (within the
  // threshold) and inconclusive (the interval straddles it) claim none.
  const agrees =
    verdict === 'regression'
      ? String(ratio > 1)
      : verdict === 'improvement'
        ? String(ratio < 1)
        : 'no direction claimed';
  const ci = p50?.ci ? `${(p50.ci.lower * 100).toFixed(1)}% … ${(p50.ci.upper * 100).toFixed(1)}%` : '–';
  // Printed as soon as it is known, so a long run keeps what it measured.
  console.log(
    `| fp32 → ${precision} | ${b.toFixed(2)} ms | ${c.toFixed(2)} ms | ${ratio.toFixed(3)} | ${ci} | ${out.baseline.latency.count} | ${verdict} | ${agrees} |`,
  );
}
