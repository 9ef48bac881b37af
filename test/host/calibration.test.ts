/**
 * Runner calibration: the pure summary and comparison against reference values worked out by hand
 * from Bland & Altman's duplicate-measurement error (BMJ 1996;313:744: s² = Σd²/2n) with Student's
 * t quantile t(0.975, 2) = 4.303 (any t table, e.g. NIST/SEMATECH e-Handbook of Statistical
 * Methods, 1.3.6.7.2), and one real calibration run on a generated model.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCalibration, summarizeCalibration } from '../../src/host/calibration-compare.js';
import { prepareCalibration } from '../../src/host/calibration.js';
import type { Calibration, CalibrationWorkload } from '../../src/host/schema.js';
import { Calibration as CalibrationSchema } from '../../src/host/schema.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { REPO_ROOT } from '../helpers/cli.js';

const WORKLOAD: CalibrationWorkload = {
  model: 'yolov8n-64',
  sha256: 'a'.repeat(64),
  provider: 'cpu',
  intraOpThreads: 0,
  interOpThreads: 0,
  graphOptimizationLevel: 'all',
  phaseSeconds: 0.5,
};

const cal = (before: number, after: number, workload: Partial<CalibrationWorkload> = {}): Calibration =>
  summarizeCalibration(
    { ...WORKLOAD, ...workload },
    { count: 100, medianMs: before, timedSeconds: 0.5 },
    { count: 100, medianMs: after, timedSeconds: 0.5 },
  );

describe('summarizeCalibration', () => {
  it('keeps both phases, their geometric mean and the drift', () => {
    const c = cal(4, 9);
    expect(c.medianMs).toBe(6); // sqrt(4 × 9)
    expect(c.drift).toBe(1.25); // 9 / 4 − 1
    expect(schemaProblems(CalibrationSchema, c)).toEqual([]);
  });
});

describe('compareCalibration', () => {
  it.each([
    {
      name: 'a runner 15% slower, its own noise 10% (before 11.0, after 12.1 ms; baseline 10, 10)',
      current: cal(11, 12.1),
      baseline: cal(10, 10),
      // exp(mean log) = sqrt(11 × 12.1) / 10; se = ln(1.1) / 2; interval exp(ln r ± 4.303 se)
      expected: { status: 'slower', ratio: 1.1537, interval: [0.9398, 1.4162], se: 0.04766 },
      message:
        /^this runner is 15% slower on the reference workload than when the baseline was recorded \(95% interval −6% to \+42%; tolerance ±10%\)$/,
    },
    {
      name: 'the same runner (10.1/10.2 against 10/10.05)',
      current: cal(10.1, 10.2),
      baseline: cal(10, 10.05),
      expected: { status: 'same', ratio: 1.0125, interval: [0.9887, 1.0368], se: 0.00552 },
      message:
        /^this runner runs the reference workload at the speed it had .*\(\+1%, 95% interval −1% to \+4%/,
    },
    {
      name: 'within the tolerance but too noisy to say (9.5/10.5 against 10/10)',
      current: cal(9.5, 10.5),
      baseline: cal(10, 10),
      expected: { status: 'uncertain', ratio: 0.9987, interval: [0.8053, 1.2387], se: 0.05004 },
      message: /its own noise is too large to rule out a change beyond the tolerance/,
    },
    {
      name: 'a faster runner',
      current: cal(8, 8),
      baseline: cal(10, 10),
      expected: { status: 'faster', ratio: 0.8, interval: [0.8, 0.8], se: 0 },
      message: /^this runner is 20% faster on the reference workload/,
    },
  ])('$name', ({ current, baseline, expected, message }) => {
    const c = compareCalibration(current, baseline);
    expect(c.status).toBe(expected.status);
    expect(c.ratio).toBeCloseTo(expected.ratio, 4);
    expect(c.interval?.[0]).toBeCloseTo(expected.interval[0] as number, 3);
    expect(c.interval?.[1]).toBeCloseTo(expected.interval[1] as number, 3);
    expect(c.logStandardError).toBeCloseTo(expected.se, 4);
    expect(c.message).toMatch(message);
  });

  it('a wider tolerance accepts what the default calls slower', () => {
    expect(compareCalibration(cal(11, 12.1), cal(10, 10), { tolerance: 0.2 }).status).toBe('uncertain');
  });

  it.each([
    [undefined, cal(10, 10), /the current run has none/],
    [cal(10, 10), undefined, /the baseline has none/],
    [cal(10, 10, { sha256: 'b'.repeat(64) }), cal(10, 10), /different reference workloads \(sha256/],
    [
      cal(10, 10, { intraOpThreads: 1 }),
      cal(10, 10),
      /different reference workloads \(intraOpThreads 0 vs 1\)/,
    ],
  ])('is not comparable without two matching calibrations (%#)', (current, baseline, message) => {
    const c = compareCalibration(current, baseline);
    expect(c).toMatchObject({ status: 'not-comparable', ratio: null, interval: null });
    expect(c.message).toMatch(message);
  });
});

describe('prepareCalibration (real onnxruntime session)', () => {
  it('generates the reference model once and measures a phase of the configured length', async () => {
    const calibrator = await prepareCalibration({
      cacheDir: join(REPO_ROOT, '.cache/models'),
      session: { intraOpThreads: 1, interOpThreads: 0, graphOptimizationLevel: 'all' },
      phaseSeconds: 0.1,
    });
    expect(calibrator.workload).toMatchObject({
      model: 'yolov8n-64',
      provider: 'cpu',
      intraOpThreads: 1,
      phaseSeconds: 0.1,
    });
    const phase = await calibrator.measure();
    expect(phase.count).toBeGreaterThanOrEqual(1);
    expect(phase.medianMs).toBeGreaterThan(0);
    expect(phase.timedSeconds).toBeGreaterThan(0);
    const again = await prepareCalibration({
      cacheDir: join(REPO_ROOT, '.cache/models'),
      session: { intraOpThreads: 1, interOpThreads: 0, graphOptimizationLevel: 'all' },
    });
    expect(again.workload.sha256).toBe(calibrator.workload.sha256);
    expect(again.workload.phaseSeconds).toBe(0.5);
  });
});
