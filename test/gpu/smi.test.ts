import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  openNvidiaSmi,
  parseSmiCudaVersion,
  parseSmiList,
  parseSmiSampleRow,
  smiNumber,
  smiValue,
} from '../../src/gpu/smi.js';
import { isGpuUnavailable, openGpuTelemetry } from '../../src/gpu/telemetry.js';
import type { GpuSample } from '../../src/gpu/schema.js';
import { MIB, installFakeSmi, removeTempDirs, tempDir, waitUntil } from './helpers.js';

afterAll(removeTempDirs);

describe('nvidia-smi value parsing', () => {
  it('maps [N/A], N/A, [Not Supported] and empty to null; reads hex masks', () => {
    for (const v of ['[N/A]', 'N/A', '[Not Supported]', '[Unknown Error]', '', ' ', undefined])
      expect(smiValue(v)).toBeNull();
    expect(smiNumber(' 69.52 ')).toBe(69.52);
    expect(smiNumber('0x0000000000000024')).toBe(0x24);
    expect(smiNumber('abc')).toBeNull();
    const row = '0, 81559, [N/A], 5, 1, 345, 1980, 1593, 31, [Not Supported], 700.00, [N/A]'.split(', ');
    expect(parseSmiSampleRow(row, 1)).toMatchObject({
      memoryUsedBytes: null,
      memoryTotalBytes: 81559 * MIB,
      powerWatts: null,
      clockEventReasons: null,
      processes: null,
    });
  });
});

describe('nvidia-smi fallback (fake nvidia-smi first on PATH)', () => {
  it('is used when libnvidia-ml cannot be loaded', () => {
    const { env } = installFakeSmi();
    const src = openGpuTelemetry({ nvmlLibrary: '/nonexistent/libnvidia-ml.so.1', env });
    if (isGpuUnavailable(src)) throw new Error(src.unavailable);
    expect(src.kind).toBe('nvidia-smi');
    const devices = src.devices();
    expect(devices).toHaveLength(2);
    expect(devices[0]).toEqual({
      index: 0,
      pciBusId: '00000000:18:00.0',
      name: 'NVIDIA H100 80GB HBM3',
      uuid: 'GPU-5d3e8b1a-2f4c-4e6b-9a7d-1c2b3a4d5e6f',
      driverVersion: '575.57.08',
      // From the `nvidia-smi -q` header, as NVML gives it: runs stay comparable when the source changes.
      cudaDriverVersion: '13.0',
      memoryTotalBytes: 81559 * MIB,
      maxSmClockMhz: 1980,
      powerLimitWatts: 700,
      migEnabled: false,
      eccEnabled: true,
    });
    expect(devices[1]).toMatchObject({ migEnabled: null, eccEnabled: null });
  });

  it('samples rows in order, with the process list of the right GPU', () => {
    const { env, dataDir } = installFakeSmi();
    const smi = openNvidiaSmi({ env });
    const s = [0, 1, 2, 3].map(() => smi.sample(0));
    expect(s.map((x) => x.memoryUsedBytes)).toEqual([523, 2571, 4619, 3595].map((m) => m * MIB));
    expect(s[2]).toMatchObject({
      smClockMhz: 1755,
      temperatureC: 83,
      powerWatts: 699.8,
      clockEventReasons: 0x24,
    });
    expect(s[3]).toMatchObject({ utilizationGpuPercent: null, powerWatts: null, clockEventReasons: null });
    expect(s[0]?.processes).toEqual([{ pid: 4242, usedBytes: 1024 * MIB }]);
    expect(smi.processes(1)).toEqual([{ pid: 5151, usedBytes: 2048 * MIB }]);
    const calls = readFileSync(join(dataDir, 'calls.log'), 'utf8');
    expect(calls).toContain('--query-compute-apps=gpu_uuid,pid,used_memory --format=csv,noheader,nounits');
    expect(calls).toContain('clocks_event_reasons.active --format=csv,noheader,nounits -i 0');
  });

  it('retries with clocks_throttle_reasons.active on a pre-R535 driver', () => {
    const { env, dataDir } = installFakeSmi();
    const smi = openNvidiaSmi({ env: { ...env, FAKE_SMI_LEGACY: '1' } });
    expect(smi.sample(0).memoryUsedBytes).toBe(523 * MIB);
    expect(readFileSync(join(dataDir, 'calls.log'), 'utf8')).toContain('clocks_throttle_reasons.active');
  });

  it('streams samples with -lms', async () => {
    const { env, dataDir } = installFakeSmi();
    const smi = openNvidiaSmi({ env });
    const got: GpuSample[] = [];
    const stop = smi.stream(0, 20, (x) => got.push(x));
    expect(await waitUntil(() => got.length >= 4)).toBe(true);
    stop();
    expect(got.slice(0, 4).map((x) => x.memoryUsedBytes)).toEqual(
      [523, 2571, 4619, 3595].map((m) => m * MIB),
    );
    expect(readFileSync(join(dataDir, 'calls.log'), 'utf8')).toMatch(/-i 0 -lms 20/);
  });
});

describe('nvidia-smi: CUDA version, GPUs by UUID, MIG rows (issue 12, points 2, 3, 8)', () => {
  it('reads "CUDA Version" from the -q header; [N/A] is null', () => {
    expect(
      parseSmiCudaVersion('Driver Version : 580.65.06\nCUDA Version                              : 13.0\n'),
    ).toBe('13.0');
    expect(parseSmiCudaVersion('CUDA Version : [N/A]\n')).toBeNull();
    expect(parseSmiCudaVersion('no header')).toBeNull();
    const { env, dataDir } = installFakeSmi();
    writeFileSync(join(dataDir, 'cuda_version'), '[N/A]\n');
    expect(openNvidiaSmi({ env }).devices()[0]?.cudaDriverVersion).toBeNull();
  });

  it('samples a GPU named by UUID through its own index', () => {
    const { env, dataDir } = installFakeSmi();
    const smi = openNvidiaSmi({ env });
    expect(smi.sample('GPU-0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d')).toMatchObject({
      memoryUsedBytes: 7000 * MIB,
      processes: [{ pid: 5151, usedBytes: 2048 * MIB }],
    });
    expect(readFileSync(join(dataDir, 'calls.log'), 'utf8')).toMatch(/-i 1$/m);
  });

  it('lists MIG devices from -L and samples one through its GPU with memory and utilisation unknown', () => {
    const { env, dataDir } = installFakeSmi();
    writeFileSync(
      join(dataDir, 'devices.csv'),
      '0, NVIDIA A100-SXM4-40GB, GPU-aaaaaaaa-1111-2222-3333-444444444444, 00000000:07:00.0, 580.65.06, 40960, 1410, 400.00, Enabled, Enabled\n',
    );
    writeFileSync(
      join(dataDir, 'list.txt'),
      [
        'GPU 0: NVIDIA A100-SXM4-40GB (UUID: GPU-aaaaaaaa-1111-2222-3333-444444444444)',
        '  MIG 3g.20gb     Device  0: (UUID: MIG-bbbbbbbb-1111-5555-9999-000000000001)',
        '  MIG 3g.20gb     Device  1: (UUID: MIG-bbbbbbbb-1111-5555-9999-000000000002)',
        '',
      ].join('\n'),
    );
    writeFileSync(
      join(dataDir, 'samples.csv'),
      '0, 40960, 9000, 70, 30, 1410, 1410, 1215, 55, 250.00, 400.00, 0x0000000000000000\n',
    );
    const smi = openNvidiaSmi({ env });
    expect(smi.topology()[0]?.migDevices.map((m) => m.uuid)).toEqual([
      'MIG-bbbbbbbb-1111-5555-9999-000000000001',
      'MIG-bbbbbbbb-1111-5555-9999-000000000002',
    ]);
    expect(smi.deviceInfo('MIG-bbbbbbbb-1111-5555-9999-000000000002')).toMatchObject({
      uuid: 'MIG-bbbbbbbb-1111-5555-9999-000000000002',
      migParentUuid: 'GPU-aaaaaaaa-1111-2222-3333-444444444444',
    });
    const s = smi.sample('MIG-bbbbbbbb-1111-5555-9999-000000000002');
    expect(s).toMatchObject({
      memoryUsedBytes: null,
      utilizationGpuPercent: null,
      smClockMhz: 1410,
      temperatureC: 55,
    });
    expect(parseSmiList('GPU 0: X (UUID: GPU-1)\n').get('GPU-1')).toEqual([]);
  });
});

describe('no GPU at all', () => {
  it('missing library and no nvidia-smi -> a clear reason, no throw', () => {
    const emptyPath = tempDir('empty-path-');
    const src = openGpuTelemetry({ nvmlLibrary: '/nonexistent/libnvidia-ml.so.1', env: { PATH: emptyPath } });
    expect(isGpuUnavailable(src)).toBe(true);
    if (isGpuUnavailable(src)) {
      expect(src.unavailable).toMatch(
        /^no GPU telemetry: NVML: cannot load \/nonexistent\/libnvidia-ml.so.1: .+; nvidia-smi: nvidia-smi not found on PATH$/,
      );
    }
  });

  it('the real default library on this machine: either works or says why (never a crash)', () => {
    const src = openGpuTelemetry();
    if (isGpuUnavailable(src)) expect(src.unavailable).toMatch(/^no GPU telemetry: NVML: .+; nvidia-smi: .+/);
    else src.close();
  });
});
