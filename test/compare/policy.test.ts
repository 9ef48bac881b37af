import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, parsePolicy } from '../../src/config/policy.js';
import { MIB } from '../../src/util/format.js';
import { Policy } from '../../src/compare/schema.js';
import { actionReader, cliReader } from '../../src/config/reader.js';
import { assertValid } from '../../src/schema/validate.js';
import { UsageError } from '../../src/util/errors.js';

describe('DEFAULT_POLICY', () => {
  it('has the documented defaults and matches the Policy schema', () => {
    expect(assertValid(Policy, DEFAULT_POLICY, 'default policy')).toBe(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.thresholds).toEqual({
      p50: 0.03,
      p99: 0.1,
      spikeRate: 0.04,
      memoryRelative: 0.05,
      memoryAbsoluteBytes: 16 * MIB,
    });
    expect(DEFAULT_POLICY.alpha).toBe(0.05);
    expect(DEFAULT_POLICY.confidence).toBe(0.95);
    expect(DEFAULT_POLICY.gate).toEqual(['p50', 'p99', 'spike-rate', 'peak-memory']);
    expect(DEFAULT_POLICY.profileGate).toBeUndefined();
    expect(DEFAULT_POLICY.maxSamplesPerSide).toBe(10_000);
    expect(DEFAULT_POLICY.minHistoryRuns).toBe(3);
    expect(DEFAULT_POLICY.assumedRunSpread).toBe(0.05);
    expect(DEFAULT_POLICY.calibrationTolerance).toBe(0.1);
  });
});

describe('parsePolicy', () => {
  it('no input -> the defaults', () => {
    expect(parsePolicy(cliReader({}))).toEqual({ ...DEFAULT_POLICY, gate: [...DEFAULT_POLICY.gate] });
  });

  it.each([
    { input: { thresholdP50: '0.05' }, check: (p: Policy) => expect(p.thresholds.p50).toBe(0.05) },
    { input: { thresholdP50: '5%' }, check: (p: Policy) => expect(p.thresholds.p50).toBe(0.05) },
    { input: { thresholdP99: '20%' }, check: (p: Policy) => expect(p.thresholds.p99).toBe(0.2) },
    {
      input: { thresholdMemory: '0.1' },
      check: (p: Policy) => expect(p.thresholds.memoryRelative).toBe(0.1),
    },
    {
      input: { thresholdMemoryMib: '64' },
      check: (p: Policy) => expect(p.thresholds.memoryAbsoluteBytes).toBe(64 * MIB),
    },
    { input: { alpha: '0.01' }, check: (p: Policy) => expect(p.alpha).toBe(0.01) },
    {
      input: { gateMetrics: 'p50, memory' },
      check: (p: Policy) => expect(p.gate).toEqual(['p50', 'peak-memory']),
    },
    { input: { gateMetrics: 'none' }, check: (p: Policy) => expect(p.gate).toEqual([]) },
    {
      input: { profileGate: 'module:10' },
      check: (p: Policy) => expect(p.profileGate).toEqual([{ scope: 'module', maxSlowdownPercent: 10 }]),
    },
    {
      input: { profileGate: 'module:10,op:25' },
      check: (p: Policy) => expect(p.profileGate).toHaveLength(2),
    },
    { input: { profileGate: 'off' }, check: (p: Policy) => expect(p.profileGate).toBeUndefined() },
    {
      input: { thresholdSpikeRate: '2%' },
      check: (p: Policy) => expect(p.thresholds.spikeRate).toBe(0.02),
    },
    { input: { gateMetrics: 'spikes' }, check: (p: Policy) => expect(p.gate).toEqual(['spike-rate']) },
    { input: { minHistoryRuns: '5' }, check: (p: Policy) => expect(p.minHistoryRuns).toBe(5) },
    { input: { assumedRunSpread: '8%' }, check: (p: Policy) => expect(p.assumedRunSpread).toBe(0.08) },
    {
      input: { calibrationTolerance: '0.2' },
      check: (p: Policy) => expect(p.calibrationTolerance).toBe(0.2),
    },
  ])('$input', ({ input, check }) => {
    const p = parsePolicy(cliReader(input));
    assertValid(Policy, p, 'policy');
    check(p);
  });

  it.each([
    {
      input: { thresholdP50: 'abc' },
      msg: '--threshold-p50: expected a fraction such as 0.03 or a percentage such as 3%, got "abc"',
    },
    { input: { thresholdP50: '-3%' }, msg: '--threshold-p50: expected a fraction' },
    { input: { thresholdP99: '300' }, msg: '--threshold-p99: expected a fraction' },
    { input: { thresholdMemoryMib: '-1' }, msg: '--threshold-memory-mib: expected a number >= 0, got "-1"' },
    { input: { alpha: '0' }, msg: '--alpha: expected a number > 0 and <= 0.5, got "0"' },
    { input: { alpha: '0.9' }, msg: '--alpha: expected a number > 0 and <= 0.5, got "0.9"' },
    { input: { gateMetrics: 'p50,p95' }, msg: '--gate-metrics: unknown metric "p95"' },
    { input: { profileGate: 'module' }, msg: '--profile-gate: expected off or SCOPE:PERCENT' },
    {
      input: { minHistoryRuns: '1' },
      msg: '--min-history-runs: expected an integer between 2 and 1000, got "1"',
    },
    { input: { assumedRunSpread: 'wide' }, msg: '--assumed-run-spread: expected a fraction' },
    {
      input: { profileGate: 'kernel:10' },
      msg: '--profile-gate: expected off or SCOPE:PERCENT (SCOPE: module, layer, op, node), got "kernel:10"',
    },
  ])('$input -> UsageError', ({ input, msg }) => {
    expect(() => parsePolicy(cliReader(input))).toThrow(UsageError);
    expect(() => parsePolicy(cliReader(input))).toThrow(msg);
  });

  it('the Action shares the parser and names its inputs', () => {
    const inputs: Record<string, string> = { 'threshold-p50': '4%', 'gate-metrics': 'p50' };
    const p = parsePolicy(actionReader((n) => inputs[n] ?? ''));
    expect(p.thresholds.p50).toBe(0.04);
    expect(p.gate).toEqual(['p50']);
    expect(() => parsePolicy(actionReader((n) => (n === 'alpha' ? 'x' : '')))).toThrow(
      'input "alpha": expected a number, got "x"',
    );
  });
});
