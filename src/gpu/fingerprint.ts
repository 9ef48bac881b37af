/** GPU part of the environment fingerprint (pure): what must match for two runs to be comparable. */
import type { GpuDeviceInfo, GpuFingerprint } from './schema.js';

export function gpuFingerprint(device: GpuDeviceInfo): GpuFingerprint {
  return {
    model: device.name,
    memoryTotalBytes: device.memoryTotalBytes,
    driverVersion: device.driverVersion,
    cudaDriverVersion: device.cudaDriverVersion,
    powerLimitWatts: device.powerLimitWatts,
    migEnabled: device.migEnabled,
    eccEnabled: device.eccEnabled,
  };
}
