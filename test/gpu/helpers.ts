import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GpuSample } from '../../src/gpu/schema.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/gpu/', import.meta.url));
export const GIB = 1024 ** 3;
export const MIB = 1024 ** 2;

const created: string[] = [];

/** A fresh temp dir, removed by {@link removeTempDirs} (call it in afterAll). */
export function tempDir(prefix = 'perf-gate-gpu-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** Removes every dir {@link tempDir} made in this test file. */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * Compiles test/fixtures/gpu/fake_nvml.c with gcc into a temp dir; returns the .so path.
 * `legacy`: an older driver (-DLEGACY); `define`: another variant, e.g. DROP_DEPRECATED.
 */
export function buildFakeNvml(opts: { legacy?: boolean; define?: string } = {}): string {
  const dir = tempDir('fake-nvml-');
  const out = join(dir, opts.legacy ? 'libfake_nvml_legacy.so' : 'libfake_nvml.so');
  execFileSync('gcc', [
    '-shared',
    '-fPIC',
    '-O1',
    ...(opts.legacy ? ['-DLEGACY'] : []),
    ...(opts.define ? [`-D${opts.define}`] : []),
    '-o',
    out,
    join(FIXTURES, 'fake_nvml.c'),
  ]);
  return out;
}

/** Writes a fake NVML script and points $FAKE_NVML_SCRIPT (read by the C library via getenv) at it. */
export function useNvmlScript(lines: string[]): string {
  const path = join(tempDir('fake-nvml-script-'), 'script.txt');
  writeFileSync(path, lines.join('\n') + '\n');
  process.env.FAKE_NVML_SCRIPT = path;
  return path;
}

export const DEVICE_LINE =
  'device name=NVIDIA_H100_80GB_HBM3 uuid=GPU-5d3e8b1a-2f4c-4e6b-9a7d-1c2b3a4d5e6f total=85520809984 maxsm=1980 powerlimit=700000 mig=0 ecc=1';

/** A sample line for the fake NVML script. */
export function sampleLine(s: {
  used: number;
  util?: number;
  sm?: number;
  temp?: number;
  power?: number;
  reasons?: number;
  procs?: string;
}): string {
  return (
    `sample used=${s.used} util=${s.util ?? 95} sm=${s.sm ?? 1980} mem=2619 temp=${s.temp ?? 60} ` +
    `power=${s.power ?? 500000} reasons=0x${(s.reasons ?? 0).toString(16)} procs=${s.procs ?? 'none'}`
  );
}

/** A fake nvidia-smi on a fresh PATH dir plus a data dir with copies of the fixture CSVs. */
export function installFakeSmi(): { binDir: string; dataDir: string; env: NodeJS.ProcessEnv } {
  const binDir = tempDir('fake-smi-bin-');
  const dataDir = tempDir('fake-smi-data-');
  copyFileSync(join(FIXTURES, 'fake-nvidia-smi.sh'), join(binDir, 'nvidia-smi'));
  chmodSync(join(binDir, 'nvidia-smi'), 0o755);
  for (const f of ['devices.csv', 'samples.csv', 'apps.csv'])
    copyFileSync(join(FIXTURES, 'smi', f), join(dataDir, f));
  return {
    binDir,
    dataDir,
    env: { ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}`, FAKE_SMI_DIR: dataDir },
  };
}

/** A GpuSample with defaults for the pure tests. */
export function sample(over: Partial<GpuSample> & { t?: number } = {}): GpuSample {
  const { t, ...rest } = over;
  return {
    timestampMs: 1_700_000_000_000 + (t ?? 0),
    memoryUsedBytes: 1 * GIB,
    memoryTotalBytes: 80 * GIB,
    utilizationGpuPercent: 90,
    utilizationMemoryPercent: 40,
    smClockMhz: 1980,
    memClockMhz: 2619,
    maxSmClockMhz: 1980,
    temperatureC: 60,
    powerWatts: 500,
    powerLimitWatts: 700,
    clockEventReasons: 0,
    processes: [],
    ...rest,
  };
}

/**
 * Waits until `condition` holds, polling every 10 ms, up to `timeoutMs` (generous: under load a
 * worker or subprocess can be slow). Tests wait for an event, never for a fixed time.
 */
export async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
