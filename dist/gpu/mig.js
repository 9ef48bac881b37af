/** Why utilisation is null on a MIG device (nvml.h: utilisation is per physical GPU). */
export const MIG_UTILIZATION_UNAVAILABLE = 'NVML reports no utilisation for a MIG instance, only for the whole GPU, which other instances share';
