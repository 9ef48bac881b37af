/**
 * A real non-CPU provider end to end: ONNX Runtime's WebGPU provider on Mesa's software Vulkan
 * driver (lavapipe), installed by scripts/install-lavapipe.sh into .cache/lavapipe/ (.ci/run does
 * it). `bench`, `profile` and the provider fallback run as real `perf-gate` subprocesses on a 64 px
 * YOLOv8n. This is a functional check of the non-CPU path: lavapipe runs on the CPU, so no figure
 * here says anything about GPU speed, and nothing here asserts a time.
 *
 * Without the driver the lavapipe tests are skipped and one line says why. The fallback tests need
 * no driver: they hide every Vulkan driver (VK_DRIVER_FILES pointing at a missing file), so there is
 * no WebGPU adapter, as on a machine without a GPU.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureModel } from '../../src/model/index.js';
import { BenchResultSchema } from '../../src/schema/result.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const LAVAPIPE_DIR = process.env.PERF_GATE_LAVAPIPE_DIR ?? join(REPO_ROOT, '.cache/lavapipe');
const CACHE = join(REPO_ROOT, '.cache/models');

/** The environment written by scripts/install-lavapipe.sh, or why there is none. */
function lavapipeEnv(): { env: Record<string, string> } | { skip: string } {
  const file = join(LAVAPIPE_DIR, 'lavapipe.env');
  if (!existsSync(file)) {
    const reasonFile = join(LAVAPIPE_DIR, 'skip-reason');
    const why = existsSync(reasonFile)
      ? readFileSync(reasonFile, 'utf8').trim()
      : `lavapipe is not installed (${file} is missing; run \`bash scripts/install-lavapipe.sh\`)`;
    return { skip: why };
  }
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) env[m[1]!] = m[2]!;
  }
  return { env };
}

const lavapipe = lavapipeEnv();
if ('skip' in lavapipe) console.log(`WebGPU check skipped: ${lavapipe.skip}`);

/** No Vulkan driver at all: the loader is told to read a driver list that does not exist. */
const NO_ADAPTER = { VK_DRIVER_FILES: '/nonexistent/perf-gate-no-vulkan-driver.json', VK_ICD_FILENAMES: '' };
const QUICK = ['--iterations', '3', '--warmup', '1', '--warmup-seconds', '0'];
// The first WebGPU session on lavapipe compiles its shaders (cold Mesa shader cache): minutes under load.
const SLOW_MS = 600_000;

let modelPath: string;
let work: string;
beforeAll(async () => {
  modelPath = (await ensureModel({ arch: 'yolov8n', imgsz: 64 }, CACHE)).path;
  work = mkdtempSync(join(tmpdir(), 'perf-gate-webgpu-'));
});
// `--trace` keeps the profiler's trace here, so the profiling pass removes its own temp folder.
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.concurrent(
  'WebGPU without an adapter: the provider is blamed, and fallback works (issue 12, point 5)',
  () => {
    it('--ep webgpu,cpu --allow-fallback falls back to the CPU and says so', async () => {
      const run = await runCli(
        ['bench', '--model', modelPath, '--ep', 'webgpu,cpu', '--allow-fallback', ...QUICK, '--json'],
        {
          env: NO_ADAPTER,
        },
      );
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(
        /WARNING: execution provider fallback: execution provider "webgpu" could not create a session: .*WebGPU adapter.* -> running on cpu/,
      );
      const result = JSON.parse(run.stdout) as {
        provider: { requested: string[]; actual: string; fallback: boolean; reason?: string };
        environment: { executionProvider: string; webgpuAdapter?: unknown };
      };
      expect(result.provider).toMatchObject({ requested: ['webgpu', 'cpu'], actual: 'cpu', fallback: true });
      expect(result.provider.reason).toMatch(/^execution provider "webgpu" could not create a session: /);
      expect(result.environment.executionProvider).toBe('cpu');
      expect(result.environment.webgpuAdapter).toBeUndefined();
    });

    it('without --allow-fallback the error names the provider, not the model (exit 2, one line)', async () => {
      const run = await runCli(['bench', '--model', modelPath, '--ep', 'webgpu', ...QUICK], {
        env: NO_ADAPTER,
      });
      expect(run.status).toBe(2);
      const line = run.stderr.split('\n').find((l) => l.startsWith('perf-gate: '));
      expect(line).toMatch(
        /^perf-gate: --ep: execution provider "webgpu" could not create a session: .*WebGPU adapter.*the model loads on cpu/,
      );
      expect(run.stderr).not.toMatch(/--model: onnxruntime could not load/);
    });

    it('profile --ep webgpu,cpu --allow-fallback profiles on the CPU and says so', async () => {
      const run = await runCli(
        [
          'profile',
          '--model',
          modelPath,
          '--ep',
          'webgpu,cpu',
          '--allow-fallback',
          '--profile-iterations',
          '2',
          '--warmup',
          '1',
          '--trace',
          join(work, 'fallback-trace.json'),
        ],
        { env: NO_ADAPTER },
      );
      expect(run.status).toBe(0);
      expect(run.stderr).toMatch(
        /WARNING: execution provider fallback: execution provider "webgpu" could not create a session/,
      );
      expect(run.stdout).toMatch(/providers CPUExecutionProvider/);
    });
  },
);

describe.skipIf('skip' in lavapipe)(
  'WebGPU on lavapipe (software Vulkan): bench and profile end to end',
  () => {
    const env = 'env' in lavapipe ? lavapipe.env : {};

    it(
      'bench --ep webgpu runs on webgpu and records the adapter in the fingerprint',
      async () => {
        const run = await runCli(['bench', '--model', modelPath, '--ep', 'webgpu', ...QUICK, '--json'], {
          env,
          timeoutMs: SLOW_MS,
        });
        expect(run.stderr).not.toMatch(/internal error/);
        expect(run.status).toBe(0);
        const result = JSON.parse(run.stdout) as {
          provider: { actual: string; fallback: boolean };
          latency: { count: number };
          environment: {
            executionProvider: string;
            webgpuAdapter?: { name: string; type: string; backend: string };
          };
        };
        expect(schemaProblems(BenchResultSchema, result)).toEqual([]);
        expect(result.provider).toMatchObject({ actual: 'webgpu', fallback: false });
        expect(result.latency.count).toBe(3);
        expect(result.environment.executionProvider).toBe('webgpu');
        expect(result.environment.webgpuAdapter).toMatchObject({ backend: 'vulkan', type: 'cpu' });
        expect(result.environment.webgpuAdapter?.name).toMatch(/^llvmpipe/);
      },
      SLOW_MS,
    );

    it(
      'profile --ep webgpu runs the nodes on WebGPU and labels their times as dispatch times',
      async () => {
        const run = await runCli(
          [
            'profile',
            '--model',
            modelPath,
            '--ep',
            'webgpu',
            '--profile-iterations',
            '2',
            '--warmup',
            '1',
            '--trace',
            join(work, 'webgpu-trace.json'),
          ],
          {
            env,
            timeoutMs: SLOW_MS,
          },
        );
        expect(run.status).toBe(0);
        expect(run.stdout).toMatch(/providers .*WebGpuExecutionProvider/);
        expect(run.stdout).toMatch(/^Node time \(WebGPU dispatch, not GPU time\) median /m);
        expect(run.stdout).toMatch(/^warning: WebGPU node times are dispatch times/m);
        // Every suggestion starts on its own line (issue 12, point 8: "1.7%suggestion:").
        expect(run.stdout).not.toMatch(/[^\n]suggestion: /);
      },
      SLOW_MS,
    );
  },
);
