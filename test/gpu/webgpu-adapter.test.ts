/**
 * The WebGPU adapter probe without a Vulkan driver (the lavapipe case is covered end to end in
 * webgpu.e2e.test.ts). Vendor driver-version schemes: NVIDIA packs 10.8.8.6 bits; Mesa and most
 * others use VK_MAKE_API_VERSION (Vulkan spec, "Version Numbers").
 */
import { describe, expect, it } from 'vitest';
import { formatVulkanDriverVersion, probeWebGpuAdapter } from '../../src/gpu/webgpu-adapter.js';

describe('probeWebGpuAdapter', () => {
  it('says why when there is no Vulkan loader, never throws', () => {
    const r = probeWebGpuAdapter('/nonexistent/libvulkan.so.1');
    expect(r).toEqual({
      unavailable: expect.stringMatching(/^cannot load \/nonexistent\/libvulkan\.so\.1: /),
    });
  });

  it.each([
    // NVIDIA 580.65.06: (580 << 22) | (65 << 14) | (6 << 6)
    [0x10de, (580 << 22) | (65 << 14) | (6 << 6), '580.65.6'],
    // Mesa 25.0.7 in VK_MAKE_API_VERSION form
    [0x10005, (25 << 22) | (0 << 12) | 7, '25.0.7'],
  ])('vendor 0x%s driver version %s -> %s', (vendor, raw, text) => {
    expect(formatVulkanDriverVersion(vendor, raw >>> 0)).toBe(text);
  });
});
