/**
 * The busy-machine rule's inputs and the calibration length, parsed once in src/config: defaults,
 * CLI and Action spellings, and one-line errors naming the input and the value.
 */
import { describe, expect, it } from 'vitest';
import { parseBenchConfig, readBusyRule } from '../../src/config/bench.js';
import { parseGateConfig } from '../../src/config/gate.js';
import { actionReader, cliReader, type InputReader } from '../../src/config/reader.js';
import { DEFAULT_BUSY_RULE } from '../../src/host/busy.js';

const action = (inputs: Record<string, string>): InputReader => actionReader((name) => inputs[name] ?? '');

describe('busy rule inputs', () => {
  it('defaults to the documented rule and a 0.5 s calibration', () => {
    const config = parseBenchConfig(action({}));
    expect(config.busyRule).toEqual(DEFAULT_BUSY_RULE);
    expect(config.calibration).toEqual({ phaseSeconds: 0.5 });
    expect(parseGateConfig(action({})).forceBaselineUpdate).toBe(false);
  });

  it('reads every threshold from the CLI and the Action alike', () => {
    const values = {
      'busy-cpu-share': '0.4',
      'busy-pressure': '1',
      'busy-steal': '0.05',
      'busy-throttled': '0',
    };
    const expected = {
      maxOtherCpuShare: 0.4,
      maxPressureShare: 1,
      maxStealShare: 0.05,
      maxThrottledShare: 0,
      minWindowSeconds: DEFAULT_BUSY_RULE.minWindowSeconds,
    };
    expect(readBusyRule(action(values))).toEqual(expected);
    expect(
      readBusyRule(
        cliReader({ busyCpuShare: '0.4', busyPressure: '1', busySteal: '0.05', busyThrottled: '0' }),
      ),
    ).toEqual(expected);
    expect(parseBenchConfig(action({ 'calibration-seconds': '0' })).calibration.phaseSeconds).toBe(0);
    expect(parseGateConfig(cliReader({ force: true })).forceBaselineUpdate).toBe(true);
  });

  it.each([
    [{ 'busy-cpu-share': '1.5' }, 'input "busy-cpu-share": expected a number >= 0 and <= 1, got "1.5"'],
    [{ 'busy-pressure': '30%' }, 'input "busy-pressure": expected a number, got "30%"'],
    [{ 'busy-steal': '-0.1' }, 'input "busy-steal": expected a number >= 0 and <= 1, got "-0.1"'],
    [{ 'calibration-seconds': 'abc' }, 'input "calibration-seconds": expected a number, got "abc"'],
    [{ force: 'yes' }, 'input "force": expected true or false, got "yes"'],
  ])('rejects %o with one line naming the input and the value', (inputs, message) => {
    expect(() => parseGateConfig(action(inputs))).toThrowError(message);
  });

  it('names the CLI flag when the value came from the command line', () => {
    expect(() => readBusyRule(cliReader({ busyCpuShare: '2' }))).toThrowError(
      '--busy-cpu-share: expected a number >= 0 and <= 1, got "2"',
    );
  });
});
