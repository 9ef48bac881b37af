import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BenchResultSchema } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { ensureModel } from '../../src/model/index.js';
import { runCli, REPO_ROOT } from '../helpers/cli.js';
import { runMain } from '../helpers/run-main.js';
import { writeSingleChannelModel } from '../helpers/dynamic-model.js';
import { busyScene, drawShapes, writeJpeg, writePng } from '../helpers/images.js';

const CACHE = join(REPO_ROOT, '.cache/models');
let work: string;
let modelPath: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'perf-gate-cli-'));
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE)).path;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('perf-gate bench (real subprocess, real onnxruntime session)', () => {
  it('benchmarks a generated model, prints P50/P99 and writes a schema-valid result', async () => {
    const out = join(work, 'result.json');
    const temp = mkdtempSync(join(work, 'tmp-'));
    const run = await runCli(
      [
        'bench',
        '--model',
        modelPath,
        '--iterations',
        '12',
        '--warmup',
        '2',
        '--warmup-seconds',
        '0',
        '--out',
        out,
      ],
      { env: { TMPDIR: temp } },
    );
    expect(run.stderr).not.toMatch(/internal error/);
    // onnxruntime's telemetry log of this process is removed at exit (its shared .ses may stay).
    expect(readdirSync(temp).filter((f) => f.startsWith('mat-debug-'))).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/P50 [\d.]+ ms/);
    expect(run.stdout).toMatch(/P99 [\d.]+ ms/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as {
      latency: { samplesMs: number[]; count: number };
    };
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
    expect(result.latency.count).toBe(12);
    expect(result.latency.samplesMs).toHaveLength(12);
    // No temp files left next to the result.
    expect(readdirSync(work).filter((f) => f.startsWith('result.json'))).toEqual(['result.json']);
  });

  it('--ep cuda,cpu --allow-fallback runs on the CPU here and says so in the output and the result', async () => {
    const run = await runMainAsCli([
      'bench',
      '--model',
      modelPath,
      '--ep',
      'cuda,cpu',
      '--allow-fallback',
      '--iterations',
      '3',
      '--warmup',
      '1',
      '--warmup-seconds',
      '0',
      '--json',
    ]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(
      /WARNING: execution provider fallback: execution provider "cuda" is not available/,
    );
    const result = JSON.parse(run.stdout) as {
      provider: { requested: string[]; actual: string; fallback: boolean; reason?: string };
    };
    expect(result.provider).toMatchObject({ requested: ['cuda', 'cpu'], actual: 'cpu', fallback: true });
    expect(result.provider.reason).toMatch(/npm run install-cuda-provider/);
  });

  it('--inputs feeds drawn images, cycled: latency per image in the result', async () => {
    const dir = join(work, 'camera');
    mkdirSync(dir);
    writePng(join(dir, 'a.png'), 120, 80, drawShapes(120, 80, busyScene(120, 80, 10)));
    writeJpeg(join(dir, 'b.jpg'), 60, 90, drawShapes(60, 90, busyScene(60, 90, 5)));
    writePng(join(dir, 'c.png'), 64, 64, drawShapes(64, 64, []));
    const run = await runCli([
      'bench',
      '--model',
      modelPath,
      '--inputs',
      dir,
      '--iterations',
      '7',
      '--warmup',
      '1',
      '--warmup-seconds',
      '0',
      '--json',
    ]);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { imageInputs: { images: { name: string; samples: number }[] } };
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
    expect(result.imageInputs.images.map((i) => [i.name, i.samples])).toEqual([
      ['a.png', 3],
      ['b.jpg', 2],
      ['c.png', 2],
    ]);
  });

  it('--json prints the result document on stdout', async () => {
    const run = await runMainAsCli([
      'bench',
      '--model',
      modelPath,
      '--duration',
      '0.2',
      '--warmup',
      '1',
      '--warmup-seconds',
      '0',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { settings: { durationSeconds?: number } };
    expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
    expect(result.settings.durationSeconds).toBe(0.2);
  });
});

/** The in-process run with the field names of a subprocess run, so cases read the same. */
async function runMainAsCli(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const r = await runMain(args);
  return { status: r.code, stdout: r.out, stderr: r.err };
}

// In-process (the same main() the binary runs): the process boundary is not what these test.
describe('perf-gate bench: bad input gives one line naming the input and the value, exit 2, no stack', () => {
  const notOnnx = (): string => {
    const p = join(work, 'notes.onnx');
    writeFileSync(p, 'this is not a model\n');
    return p;
  };
  const empty = (): string => {
    const p = join(work, 'empty.onnx');
    writeFileSync(p, '');
    return p;
  };
  const cases: { name: string; args: () => string[]; message: RegExp }[] = [
    {
      name: 'missing model file',
      args: () => ['--model', join(work, 'missing.onnx')],
      message: /--model: cannot read ".*missing\.onnx"/,
    },
    {
      name: 'empty model file',
      args: () => ['--model', empty()],
      message: /--model: ".*empty\.onnx" is empty/,
    },
    {
      name: 'non-ONNX file',
      args: () => ['--model', notOnnx()],
      message: /--model: ".*notes\.onnx" is not an ONNX model/,
    },
    {
      name: 'unknown execution provider',
      args: () => ['--model', modelPath, '--ep', 'tpu'],
      message: /--ep: .*"tpu"/,
    },
    {
      name: 'provider not available here',
      args: () => ['--model', modelPath, '--ep', 'cuda'],
      message: /--ep: execution provider "cuda" is not available: missing .*npm run install-cuda-provider/,
    },
    {
      name: 'zero iterations',
      args: () => ['--model', modelPath, '--iterations', '0'],
      message: /--iterations: expected an integer between 1 and 100000, got "0"/,
    },
    {
      name: 'negative iterations',
      args: () => ['--model', modelPath, '--iterations', '-5'],
      message: /--iterations: expected an integer between 1 and 100000, got "-5"/,
    },
    {
      name: 'fractional iterations',
      args: () => ['--model', modelPath, '--iterations', '2.5'],
      message: /--iterations: expected an integer, got "2.5"/,
    },
    {
      name: 'iterations and duration together',
      args: () => ['--model', modelPath, '--iterations', '5', '--duration', '1'],
      message: /give one or the other/,
    },
    {
      name: 'unknown builtin architecture',
      args: () => ['--model', 'builtin:yolov99'],
      message: /--model: .*yolov99/,
    },
    {
      name: 'unwritable output path',
      args: () => ['--model', modelPath, '--iterations', '1', '--out', join(notOnnx(), 'result.json')],
      message: /--out: cannot write ".*notes\.onnx\/result\.json"/,
    },
    {
      name: 'corrupt image',
      args: () => {
        const p = join(work, 'corrupt.png');
        writeFileSync(p, Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]));
        return ['--model', modelPath, '--inputs', p];
      },
      message: /--inputs: ".*corrupt\.png" is not a readable PNG image \(corrupt or truncated/,
    },
    {
      name: 'unsupported image format',
      args: () => {
        const p = join(work, 'frame.webp');
        writeFileSync(p, 'RIFF\x10\x00\x00\x00WEBPVP8 ');
        return ['--model', modelPath, '--inputs', p];
      },
      message: /--inputs: ".*frame\.webp" is not a JPEG or PNG image \(WebP is not supported\)/,
    },
    {
      name: 'empty image folder',
      args: () => ['--model', modelPath, '--inputs', mkdtempSync(join(work, 'no-images-'))],
      message: /--inputs: no JPEG or PNG images in folder ".*no-images-/,
    },
    {
      name: 'wrong channel count for the model',
      args: () => {
        const model = join(work, 'grey.onnx');
        writeSingleChannelModel(model);
        const img = join(work, 'rgb.png');
        writePng(img, 8, 8, drawShapes(8, 8, []));
        return ['--model', model, '--inputs', img];
      },
      message:
        /--inputs: model input "images" takes 1 channel\(s\) \(shape \[1, 1, 8, 8\]\); images are fed as 3 channels \(RGB\)/,
    },
    {
      name: 'unknown builtin option',
      args: () => ['--model', 'builtin:yolov8n@64+bf16'],
      message: /--model: unknown builtin option "\+bf16"/,
    },
    {
      name: 'NMS on an end-to-end model',
      args: () => ['--model', 'builtin:yolo26n@64+nms', '--iterations', '1'],
      message: /nms: yolo26n is end-to-end/,
    },
  ];
  it.each(cases)('$name', async ({ args, message }) => {
    const run = await runMainAsCli(['bench', ...args()]);
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^perf-gate: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('--verbose adds the stack trace (a real process: what a user sees on stderr)', async () => {
    const run = await runCli(['bench', '--model', join(work, 'missing.onnx'), '--verbose']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('a failed run leaves no partial output file', async () => {
    const out = join(work, 'never.json');
    const run = await runMainAsCli(['bench', '--model', join(work, 'missing.onnx'), '--out', out]);
    expect(run.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a model whose input has an unresolved dynamic dimension names it and the flag to set', async () => {
    const { writeDynamicBatchModel } = await import('../helpers/dynamic-model.js');
    const path = join(work, 'dynamic.onnx');
    writeDynamicBatchModel(path);
    const run = await runMainAsCli(['bench', '--model', path, '--iterations', '1']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /model input "images": dimension 0 is dynamic \("batch"\); set it with --dim batch=N/,
    );
    const ok = await runMainAsCli([
      'bench',
      '--model',
      path,
      '--iterations',
      '2',
      '--warmup',
      '0',
      '--warmup-seconds',
      '0',
      '--dim',
      'batch=2',
      '--json',
    ]);
    expect(ok.status).toBe(0);
    expect(
      (JSON.parse(ok.stdout) as { model: { inputs: { shape: number[] }[] } }).model.inputs[0]?.shape,
    ).toEqual([2, 3, 8, 8]);
  });
});

describe('perf-gate --help', () => {
  it.each([[['bench']], [['model', 'generate']], [['gate']], [['profile']], [['compare']], [['report']]])(
    '%j --help exits 0 and shows usage',
    async (cmd) => {
      const run = await runMainAsCli([...cmd, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toMatch(/Usage: perf-gate/);
    },
  );

  it('the binary prints usage and exits 0 (a real process)', async () => {
    const run = await runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/Usage: perf-gate/);
  });
});
