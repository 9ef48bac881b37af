/**
 * One owner for the provider set, and parsing the configuration loads no native module: the module
 * src/config uses imports nothing but the error type, and nothing in src/config imports the
 * provider checks (which load koffi and onnxruntime).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CUDA_PROVIDERS,
  EXECUTION_PROVIDERS,
  GPU_PROVIDERS,
  isCudaProvider,
  isGpuProvider,
  shortProviderName,
} from '../../src/gpu/provider-names.js';
import { REPO_ROOT } from '../helpers/cli.js';

const importsOf = (file: string): string[] =>
  [...readFileSync(join(REPO_ROOT, file), 'utf8').matchAll(/^import[^;]*?from '([^']+)';/gms)].map(
    (m) => m[1]!,
  );

describe('provider-names.ts', () => {
  it('imports nothing native; src/config imports it, not providers.ts', () => {
    expect(importsOf('src/gpu/provider-names.ts')).toEqual(['../util/errors.js']);
    for (const f of readdirSync(join(REPO_ROOT, 'src/config'))) {
      expect(importsOf(`src/config/${f}`), f).not.toContain('../gpu/providers.js');
    }
  });

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
