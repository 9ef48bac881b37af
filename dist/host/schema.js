/**
 * TypeBox schemas (and static types) of the host parts of the result document: the machine state
 * during the timed window (`machineState`) and the runner calibration (`calibration`). Both are
 * optional in the result, so results written before they existed still validate.
 *
 * Conventions: a source the machine does not offer is `null` and listed in `missing` with the
 * reason, never filled with a guess. CPU quantities are in cores (CPU-seconds per second of the
 * window, averaged over it), shares are fractions (0–1) of the window, times in seconds.
 */
import { Type } from '@sinclair/typebox';
const Nullable = (schema) => Type.Union([schema, Type.Null()]);
const NonNegative = Type.Number({ minimum: 0 });
const Share = Type.Number({ minimum: 0, maximum: 1 });
const Count = Type.Integer({ minimum: 0 });
export const MissingSource = Type.Object({
    /** The file or interface, e.g. "/proc/pressure/cpu". */
    source: Type.String(),
    /** Why it could not be read, e.g. "not present: kernel without PSI (CONFIG_PSI) or booted with psi=0". */
    reason: Type.String(),
}, { additionalProperties: false });
export const CpuUse = Type.Object({
    /** Cores busy with anything (user, nice, system, irq, softirq in /proc/stat), window average. */
    busyCores: NonNegative,
    /** Cores this process used (getrusage user + system time over the window). */
    ownCores: NonNegative,
    /** busyCores − ownCores, floored at 0: what competed with the benchmark. */
    otherCores: NonNegative,
    /** Cores the hypervisor gave to other guests while this machine wanted them (/proc/stat steal). */
    stealCores: NonNegative,
}, { additionalProperties: false });
export const CpuPressure = Type.Object({
    /** Share of the window in which at least one runnable task waited for a CPU ("some" total delta). */
    someShare: Share,
    /** The kernel's own 10-second average of "some" at the end of the window, percent. */
    someAvg10AtStop: Type.Number({ minimum: 0, maximum: 100 }),
}, { additionalProperties: false });
const LoadTriple = Type.Object({ load1: NonNegative, load5: NonNegative, load15: NonNegative }, { additionalProperties: false });
export const LoadAverage = Type.Object({
    start: LoadTriple,
    stop: LoadTriple,
    /** 1-minute load average at the end of the window divided by the machine's CPUs. */
    load1PerCpuAtStop: NonNegative,
}, { additionalProperties: false });
export const CgroupCpu = Type.Object({
    version: Type.Union([Type.Literal('v1'), Type.Literal('v2')]),
    /** The cgroup folder whose quota binds (the smallest quota on the way up), or the process's own. */
    path: Type.String(),
    /** CPU quota in cores (quota / period); null when unlimited ("max" or -1). */
    quotaCores: Nullable(NonNegative),
    /** Scheduler periods that elapsed in the window, and how many of them ended throttled. */
    periods: Count,
    throttledPeriods: Count,
    /** Time the cgroup spent throttled in the window. */
    throttledSeconds: NonNegative,
    /** throttledSeconds / window. */
    throttledShare: NonNegative,
}, { additionalProperties: false });
const MinMeanMax = Type.Object({ min: NonNegative, mean: NonNegative, max: NonNegative }, { additionalProperties: false });
export const CpuFrequency = Type.Object({
    /**
     * `cpufreq`: scaling_cur_freq of each CPU. `cpuinfo`: "cpu MHz" of /proc/cpuinfo (on x86
     * bare metal the recent average clock; under most hypervisors the nominal clock, constant).
     */
    source: Type.Union([Type.Literal('cpufreq'), Type.Literal('cpuinfo')]),
    /** Over the CPUs, at the start and at the end of the window, MHz. */
    start: MinMeanMax,
    stop: MinMeanMax,
}, { additionalProperties: false });
export const BusyRule = Type.Object({
    /** Unreliable when other processes used more than this share of the machine's CPUs. */
    maxOtherCpuShare: Share,
    /** Unreliable when CPU pressure ("some") covered more than this share of the window. */
    maxPressureShare: Share,
    /** Unreliable when steal time took more than this share of the machine's CPUs. */
    maxStealShare: Share,
    /** Unreliable when the cgroup was throttled for more than this share of the window. */
    maxThrottledShare: Share,
    /** Windows shorter than this are recorded but not judged (tick-based counters are too coarse). */
    minWindowSeconds: NonNegative,
}, { additionalProperties: false });
export const MachineStateAssessment = Type.Object({
    /** True when a rule was broken: the run is not evidence about the model. */
    busy: Type.Boolean(),
    /** One line per broken rule, naming the measured figures. */
    reasons: Type.Array(Type.String()),
    /** Why some or all rules could not be applied (short window, missing sources). */
    notes: Type.Array(Type.String()),
    rule: BusyRule,
}, { additionalProperties: false });
export const MachineState = Type.Object({
    /** Wall time between the two snapshots around the timed window. */
    windowSeconds: NonNegative,
    /** CPUs listed in /proc/stat (the machine the figures describe); null when it is missing. */
    cpus: Nullable(Type.Integer({ minimum: 1 })),
    cpu: Nullable(CpuUse),
    /** CPU time of this process in the window (all its threads). */
    ownCpuSeconds: NonNegative,
    /** This process's context switches in the window (getrusage; involuntary = preempted). */
    contextSwitches: Type.Object({ voluntary: Count, involuntary: Count }, { additionalProperties: false }),
    pressure: Nullable(CpuPressure),
    loadAverage: Nullable(LoadAverage),
    cgroup: Nullable(CgroupCpu),
    cpuFrequencyMHz: Nullable(CpuFrequency),
    missing: Type.Array(MissingSource),
    assessment: MachineStateAssessment,
}, { $id: 'MachineState', additionalProperties: false });
export const CalibrationPhase = Type.Object({
    /** Timed runs of the reference workload. */
    count: Type.Integer({ minimum: 1 }),
    /** Median latency, ms (Hyndman & Fan type 7). */
    medianMs: NonNegative,
    /** Sum of the timed runs, seconds. */
    timedSeconds: NonNegative,
}, { additionalProperties: false });
export const CalibrationWorkload = Type.Object({
    /** The reference model, e.g. "yolov8n-96" (generated by src/model, seeded). */
    model: Type.String({ minLength: 1 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    /** Always the CPU provider: the reference measures the host, NVML watches the GPU. */
    provider: Type.String(),
    intraOpThreads: Count,
    interOpThreads: Count,
    graphOptimizationLevel: Type.String(),
    /** Target duration of each phase, seconds. */
    phaseSeconds: NonNegative,
}, { additionalProperties: false });
export const Calibration = Type.Object({
    workload: CalibrationWorkload,
    /** Measured just before the benchmark's session was created, and just after it was released. */
    before: CalibrationPhase,
    after: CalibrationPhase,
    /** Geometric mean of the two medians, ms: the runner's speed on the reference workload. */
    medianMs: NonNegative,
    /** after / before − 1: how much the runner's speed moved during this run. */
    drift: Type.Number(),
}, { $id: 'Calibration', additionalProperties: false });
