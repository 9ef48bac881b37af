export function gpuFingerprint(device) {
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
