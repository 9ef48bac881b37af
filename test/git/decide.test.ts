/**
 * `baseline: auto`: the table of issue 11, point 1 (and docs/action.md), row by row.
 */
import { describe, expect, it } from 'vitest';
import { AUTO_REASONS, autoUsesBase, decideAutoComparison, type ModelStatus } from '../../src/git/decide.js';

describe('autoUsesBase', () => {
  it.each([
    ['pull_request', false, true],
    ['pull_request_target', false, true],
    ['merge_group', false, true],
    ['push', false, false],
    ['schedule', false, false],
    ['workflow_dispatch', false, false],
    ['workflow_run', false, false],
    [undefined, false, false],
    // An explicit base (--base-ref, input base-ref) makes any run relative.
    [undefined, true, true],
    ['push', true, true],
  ] as const)('%s with explicit base %s -> %s', (event, explicit, expected) => {
    expect(autoUsesBase(event, explicit)).toBe(expected);
  });
});

describe('decideAutoComparison', () => {
  it.each([
    [false, undefined, false, { compare: 'stored' }],
    [false, undefined, true, { compare: 'stored' }],
    [true, 'changed', false, { compare: 'paired' }],
    [true, 'changed', true, { compare: 'paired' }],
    [true, 'unchanged', true, { compare: 'stored' }],
    [true, 'unchanged', false, { compare: 'none', verdict: 'pass', reason: 'model unchanged' }],
    [true, 'new', true, { compare: 'stored' }],
    [true, 'new', false, { compare: 'none', verdict: 'inconclusive', reason: 'no base to compare with' }],
  ] as const)('relative %s, model %s, stored baseline %s -> %j', (relative, model, stored, expected) => {
    const plan = decideAutoComparison({
      relative,
      ...(model ? { model: model as ModelStatus } : {}),
      storedBaseline: stored,
    });
    expect(plan).toMatchObject(expected);
    expect(plan.why.length).toBeGreaterThan(10);
  });

  it('exports the reason strings it uses', () => {
    expect(AUTO_REASONS).toEqual({ modelUnchanged: 'model unchanged', noBase: 'no base to compare with' });
  });

  it('refuses a relative decision without the model status (a caller bug, not a silent stored run)', () => {
    expect(() => decideAutoComparison({ relative: true, storedBaseline: true })).toThrow(/model status/);
  });
});
