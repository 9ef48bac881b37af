import { describe, expect, it } from 'vitest';
import {
  COMMENT_MODES,
  isCommentMode,
  shouldComment,
  type CommentMode,
  type GateVerdict,
} from '../../src/github/comment-mode.js';

const VERDICTS: GateVerdict[] = ['pass', 'regression', 'improvement', 'inconclusive'];

// Expected decision for [no previous comment, previous comment], per verdict in VERDICTS order.
const TABLE: Record<CommentMode, Record<GateVerdict, [boolean, boolean]>> = {
  always: {
    pass: [true, true],
    regression: [true, true],
    improvement: [true, true],
    inconclusive: [true, true],
  },
  'on-change': {
    pass: [false, true], // a fixed regression updates the stale comment
    regression: [true, true],
    improvement: [true, true],
    inconclusive: [true, true],
  },
  'on-regression': {
    pass: [false, true],
    regression: [true, true],
    improvement: [false, true],
    inconclusive: [false, true],
  },
  never: {
    pass: [false, false],
    regression: [false, false],
    improvement: [false, false],
    inconclusive: [false, false],
  },
};

describe('shouldComment', () => {
  const cases = COMMENT_MODES.flatMap((mode) =>
    VERDICTS.flatMap((verdict) =>
      [false, true].map(
        (previous) => [mode, verdict, previous, TABLE[mode][verdict][previous ? 1 : 0]] as const,
      ),
    ),
  );
  it.each(cases)('mode %s, verdict %s, previous comment %s -> %s', (mode, verdict, previous, expected) => {
    expect(shouldComment(mode, verdict, previous)).toBe(expected);
  });
});

describe('isCommentMode', () => {
  it.each([
    ['always', true],
    ['on-change', true],
    ['on-regression', true],
    ['never', true],
    ['sometimes', false],
    ['', false],
    [undefined, false],
  ])('%s -> %s', (value, expected) => {
    expect(isCommentMode(value)).toBe(expected);
  });
});
