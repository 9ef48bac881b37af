/**
 * One owner for the provider set (that src/config loads no native module is enforced by
 * test/architecture/imports.test.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  CUDA_PROVIDERS,
  EXECUTION_PROVIDERS,
  GPU_PROVIDERS,
  isCudaProvider,
  isGpuProvider,
  shortProviderName,
} from '../../src/config/providers.js';

describe('provider names (src/config/providers.ts)', () => {
  it.each([
    ['cuda', true, true],
    ['cuda:1', true, true],
    ['TensorrtExecutionProvider', true, true],
    ['webgpu', true, false],
    ['WebGpuExecutionProvider', true, false],
    ['cpu', false, false],
    ['CPUExecutionProvider', false, false],
  ])('%s: GPU %s, CUDA %s', (name, gpu, cuda) => {
    expect(isGpuProvider(name)).toBe(gpu);
    expect(isCudaProvider(name)).toBe(cuda);
  });

  it('every GPU and CUDA provider is a known provider', () => {
    for (const p of [...GPU_PROVIDERS, ...CUDA_PROVIDERS]) expect(EXECUTION_PROVIDERS).toContain(p);
    expect(shortProviderName('CUDAExecutionProvider')).toBe('cuda');
  });
});
