/**
 * Pure device mapping and own-process identification (src/gpu/device-map.ts). Reference for the
 * rules: CUDA C Programming Guide, "CUDA Environment Variables" (CUDA_VISIBLE_DEVICES,
 * CUDA_DEVICE_ORDER); nvml.h (NVML numbers GPUs in PCI bus order, ignores CUDA_VISIBLE_DEVICES).
 */
import { describe, expect, it } from 'vitest';
import {
  identifyOwnProcess,
  parseCudaVisibleDevices,
  pickGrownDevice,
  resolveCudaDevice,
  type PhysicalGpu,
} from '../../src/gpu/device-map.js';

const gpu = (index: number, uuid: string, pci: string, mig: PhysicalGpu['migDevices'] = []): PhysicalGpu => ({
  index,
  uuid,
  pciBusId: pci,
  name: 'NVIDIA L4',
  migEnabled: mig.length > 0,
  migDevices: mig,
});
const A = gpu(0, 'GPU-aaaa-1', '00000000:18:00.0');
const B = gpu(1, 'GPU-bbbb-2', '00000000:3B:00.0', [
  { uuid: 'MIG-m1', gpuInstanceId: 1, computeInstanceId: 0, memoryTotalBytes: 1 },
  { uuid: 'MIG-m2', gpuInstanceId: 2, computeInstanceId: 0, memoryTotalBytes: 1 },
]);
const C = gpu(2, 'GPU-cccc-3', '00000000:B1:00.0');
const GPUS = [A, B, C];

describe('parseCudaVisibleDevices', () => {
  it.each([
    [undefined, null],
    ['', []],
    ['1', [{ kind: 'index', index: 1 }]],
    [
      '2,0',
      [
        { kind: 'index', index: 2 },
        { kind: 'index', index: 0 },
      ],
    ],
    [
      'GPU-aaaa-1,MIG-m2',
      [
        { kind: 'uuid', uuid: 'GPU-aaaa-1' },
        { kind: 'uuid', uuid: 'MIG-m2' },
      ],
    ],
    // An invalid entry hides itself and everything after it.
    ['0,foo,2', [{ kind: 'index', index: 0 }]],
  ])('%j -> %j', (value, expected) => {
    expect(parseCudaVisibleDevices(value)).toEqual(expected);
  });
});

describe('resolveCudaDevice', () => {
  const cases: {
    name: string;
    id: number;
    env: { CUDA_VISIBLE_DEVICES?: string; CUDA_DEVICE_ORDER?: string };
    uuid: string | null;
    certain: boolean;
    mig?: boolean;
  }[] = [
    {
      name: 'one visible GPU by index, PCI order',
      id: 0,
      env: { CUDA_VISIBLE_DEVICES: '2', CUDA_DEVICE_ORDER: 'PCI_BUS_ID' },
      uuid: C.uuid,
      certain: true,
    },
    {
      name: 'second visible entry',
      id: 1,
      env: { CUDA_VISIBLE_DEVICES: '2,0', CUDA_DEVICE_ORDER: 'PCI_BUS_ID' },
      uuid: A.uuid,
      certain: true,
    },
    {
      name: 'index under FASTEST_FIRST (default): a guess',
      id: 0,
      env: { CUDA_VISIBLE_DEVICES: '2' },
      uuid: C.uuid,
      certain: false,
    },
    {
      name: 'unset, PCI order',
      id: 2,
      env: { CUDA_DEVICE_ORDER: 'pci_bus_id' },
      uuid: C.uuid,
      certain: true,
    },
    { name: 'GPU UUID', id: 0, env: { CUDA_VISIBLE_DEVICES: 'GPU-cccc-3' }, uuid: C.uuid, certain: true },
    { name: 'GPU UUID prefix', id: 0, env: { CUDA_VISIBLE_DEVICES: 'GPU-cc' }, uuid: C.uuid, certain: true },
    {
      name: 'MIG UUID',
      id: 0,
      env: { CUDA_VISIBLE_DEVICES: 'MIG-m2' },
      uuid: 'MIG-m2',
      certain: true,
      mig: true,
    },
    {
      name: 'legacy MIG-GPU-<uuid>/gi/ci',
      id: 0,
      env: { CUDA_VISIBLE_DEVICES: 'MIG-GPU-bbbb-2/1/0' },
      uuid: 'MIG-m1',
      certain: true,
      mig: true,
    },
    {
      name: 'index of a MIG-enabled GPU: which instance is unknown',
      id: 0,
      env: { CUDA_VISIBLE_DEVICES: '1', CUDA_DEVICE_ORDER: 'PCI_BUS_ID' },
      uuid: 'MIG-m1',
      certain: false,
      mig: true,
    },
    {
      name: 'beyond the visible list',
      id: 1,
      env: { CUDA_VISIBLE_DEVICES: '0' },
      uuid: null,
      certain: false,
    },
    { name: 'unknown UUID', id: 0, env: { CUDA_VISIBLE_DEVICES: 'GPU-ffff' }, uuid: null, certain: false },
  ];
  it.each(cases)('$name', ({ id, env, uuid, certain, mig }) => {
    const r = resolveCudaDevice(id, env, GPUS);
    expect(r.uuid).toBe(uuid);
    expect(r.certain).toBe(certain);
    expect(r.mig).toBe(mig ?? false);
    expect(r.method).not.toContain('\n');
  });

  it('one GPU needs no order', () => {
    expect(resolveCudaDevice(0, {}, [A])).toMatchObject({ uuid: A.uuid, certain: true });
  });
});

describe('pickGrownDevice (the session memory appears on the device it runs on)', () => {
  const MiB = 2 ** 20;
  it('picks the one device that grew, else says why', () => {
    const before = new Map([
      ['a', 100 * MiB],
      ['b', 100 * MiB],
      ['c', null],
    ]);
    expect(
      pickGrownDevice(
        before,
        new Map([
          ['a', 101 * MiB],
          ['b', 700 * MiB],
          ['c', 5],
        ]),
      ),
    ).toEqual({ uuid: 'b', growthBytes: 600 * MiB });
    expect(
      pickGrownDevice(
        before,
        new Map([
          ['a', 101 * MiB],
          ['b', 100 * MiB],
        ]),
      ),
    ).toMatchObject({ none: expect.stringMatching(/no device/) });
    expect(
      pickGrownDevice(
        before,
        new Map([
          ['a', 900 * MiB],
          ['b', 700 * MiB],
        ]),
      ),
    ).toMatchObject({ none: expect.stringMatching(/several devices/) });
  });
});

describe('identifyOwnProcess (issue 12, point 1)', () => {
  const me = 4242;
  it.each([
    {
      name: 'the driver lists our pid',
      before: [],
      after: [{ pid: me, usedBytes: 1 }],
      pid: me,
      ambiguous: [],
    },
    {
      name: 'container: the one new pid is ours',
      before: [{ pid: 900, usedBytes: 1 }],
      after: [
        { pid: 900, usedBytes: 1 },
        { pid: 104242, usedBytes: 1 },
      ],
      pid: 104242,
      ambiguous: [],
    },
    {
      name: 'two new pids: ambiguous',
      before: [],
      after: [
        { pid: 7, usedBytes: 1 },
        { pid: 8, usedBytes: 1 },
      ],
      pid: null,
      ambiguous: [7, 8],
    },
    {
      name: 'nothing new',
      before: [{ pid: 900, usedBytes: 1 }],
      after: [{ pid: 900, usedBytes: 1 }],
      pid: null,
      ambiguous: [],
    },
  ])('$name', ({ before, after, pid, ambiguous }) => {
    const own = identifyOwnProcess(before, after, me);
    expect(own.pid).toBe(pid);
    expect(own.ambiguous).toEqual(ambiguous);
  });

  it('unreadable lists: unknown, with the reason', () => {
    expect(identifyOwnProcess(null, [{ pid: 1, usedBytes: 1 }], me)).toMatchObject({
      pid: null,
      method: expect.stringMatching(/before the session/),
    });
    expect(identifyOwnProcess([], null, me)).toMatchObject({
      pid: null,
      method: 'the process list could not be read',
    });
  });
});
