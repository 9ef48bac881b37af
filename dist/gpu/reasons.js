/**
 * Clock-event (formerly "clocks throttle") reason bits, nvml.h `nvmlClocksEventReason*` /
 * `nvmlClocksThrottleReason*` (same values; NVML 12.x renamed the software ones). Source: nvml.h
 * (NVML API reference, "ClocksEventReasons"). Pure: no I/O.
 */
export const ClockEventReason = {
    GpuIdle: 0x1,
    ApplicationsClocksSetting: 0x2,
    SwPowerCap: 0x4,
    HwSlowdown: 0x8,
    SyncBoost: 0x10,
    SwThermalSlowdown: 0x20,
    HwThermalSlowdown: 0x40,
    HwPowerBrakeSlowdown: 0x80,
    DisplayClockSetting: 0x100,
};
/** The reasons that make a latency measurement untrustworthy (thermal / power throttling). */
export const THROTTLE_REASONS = [
    'SwThermalSlowdown',
    'HwThermalSlowdown',
    'SwPowerCap',
    'HwSlowdown',
    'HwPowerBrakeSlowdown',
];
/** Names of the bits set in `mask` (known bits only, in bit order). */
export function clockEventReasonNames(mask) {
    const names = [];
    for (const [name, bit] of Object.entries(ClockEventReason)) {
        if (Math.floor(mask / bit) % 2 === 1)
            names.push(name);
    }
    return names;
}
/** True when bit `bit` (a power of two) is set in `mask`; works beyond 32 bits, unlike `&`. */
export function hasReason(mask, bit) {
    return Math.floor(mask / bit) % 2 === 1;
}
