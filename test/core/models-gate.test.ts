/**
 * The gate on the models teams ship now, end to end in real subprocesses: a YOLO11n without and with
 * NMS in the graph fed drawn images (stored-baseline mode, profiled), and an FP32 / FP16 pair of
 * YOLOv8n in paired mode on the CPU provider. Timings are never asserted: only what the report says.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProfileSummary } from '../../src/profile/schema.js';
import type { BenchResult } from '../../src/schema/result.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { busyScene, drawShapes, writeJpeg, writePng } from '../helpers/images.js';

const CACHE = join(REPO_ROOT, '.cache/models');
const LONG = 600_000;
let work: string;
let images: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-models-'));
  images = join(work, 'camera');
  mkdirSync(images);
  writePng(join(images, 'a-empty.png'), 96, 64, drawShapes(96, 64, []));
  writeJpeg(join(images, 'b-busy.jpg'), 96, 96, drawShapes(96, 96, busyScene(96, 96, 40)));
  writePng(join(images, 'c-tall.png'), 40, 96, drawShapes(40, 96, busyScene(40, 96, 8), [220, 220, 220]));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const common = [
  '--iterations',
  '30',
  '--warmup',
  '2',
  '--warmup-seconds',
  '0',
  '--calibration-seconds',
  '0',
  '--cache-dir',
  CACHE,
  '--quiet',
];

describe('YOLO11n without / with --nms, fed drawn images', () => {
  it(
    'shows NMS in the per-module and per-operator tables and its time per image',
    async () => {
      const baselines = join(work, 'baselines');
      const profiled = ['--profile', '--profile-iterations', '6', '--inputs', images, '--name', 'det'];
      const first = await runCli(
        [
          'gate',
          '--model',
          'builtin:yolo11n@64',
          '--baselines',
          baselines,
          '--update-baseline',
          ...profiled,
          ...common,
        ],
        { timeoutMs: LONG },
      );
      expect(first.stderr).not.toMatch(/internal error/);
      expect(first.status).toBe(3); // no baseline yet: inconclusive, then recorded
      const report = join(work, 'nms.md');
      const out = join(work, 'nms.json');
      const second = await runCli(
        [
          'gate',
          '--model',
          'builtin:yolo11n@64+nms',
          '--baselines',
          baselines,
          ...profiled,
          ...common,
          '--report',
          report,
          '--out',
          out,
        ],
        { timeoutMs: LONG },
      );
      expect(second.stderr).not.toMatch(/internal error/);
      expect([0, 1, 3]).toContain(second.status); // the verdict is the machine's; the tables are ours

      const md = readFileSync(report, 'utf8');
      expect(md).toMatch(/^\| postprocess \| 0\.0 µs \| [\d.]+ (µs|ms) \| .*\(new\)/m); // per-module table
      expect(md).toMatch(/^- added: \/NonMaxSuppression \([\d.]+ µs\)$/m); // nodes only the current run has
      expect(md).toMatch(
        /^\| \/NonMaxSuppression \| NonMaxSuppression \| postprocess \| .* \| a-empty\.png [\d.]+ (µs|ms) · b-busy\.jpg [\d.]+ (µs|ms) · c-tall\.png [\d.]+ (µs|ms) \|$/m,
      );
      expect(md).toContain('<summary>Latency per input image (3 slowest first)</summary>');

      const result = JSON.parse(readFileSync(out, 'utf8')) as BenchResult;
      const profile = result.profile as ProfileSummary;
      expect(profile.inputs?.names).toEqual(['a-empty.png', 'b-busy.jpg', 'c-tall.png']);
      const nms = profile.inputDependent?.find((n) => n.opType === 'NonMaxSuppression');
      expect(nms?.module).toBe('postprocess');
      expect(nms?.perInputUs).toHaveLength(3);
      expect(result.imageInputs?.images.map((i) => i.samples)).toEqual([10, 10, 10]);
    },
    LONG * 2,
  );
});

describe('paired mode on an FP32 / FP16 pair of YOLOv8n (CPU provider)', () => {
  it(
    'the comment names the precision change',
    async () => {
      const report = join(work, 'fp16.md');
      const run = await runCli(
        [
          'gate',
          '--baseline-model',
          'builtin:yolov8n@64',
          '--model',
          'builtin:yolov8n@64+fp16',
          '--paired-budget',
          '2',
          '--paired-memory-probes',
          '1',
          ...common,
          '--report',
          report,
        ],
        { timeoutMs: LONG },
      );
      expect(run.stderr).not.toMatch(/internal error/);
      expect([0, 1, 3]).toContain(run.status);
      const md = readFileSync(report, 'utf8');
      expect(md).toContain('**Precision change**: FP32 → FP16 (input float32 → float16)');
      expect(md).toContain('| Precision | FP32 | FP16 |');
      // When the FP16 side was measured slower, the tip explains the CPU provider's casts.
      if (/\| P50 latency \|.*🔴 regression/.test(md)) expect(md).toContain('made the model slower on cpu');
    },
    LONG,
  );
});
