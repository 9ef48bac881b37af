import { describe, expect, it } from 'vitest';
import { diffProfiles } from '../../src/profile/diff.js';
import { attributeNodes, detectFamily, isRootScopeNode, moduleOfLayer } from '../../src/profile/modules.js';
import type { ProfileSummary } from '../../src/profile/schema.js';

// Layer ranges from ultralytics/cfg/models/26/yolo26.yaml: backbone 0-10, head (neck) 11-22, Detect 23.
describe('YOLO26 module attribution', () => {
  it.each([
    [0, 'backbone'],
    [10, 'backbone'],
    [11, 'neck'],
    [22, 'neck'],
    [23, 'head'],
  ])('layer %i -> %s', (layer, module) => expect(moduleOfLayer(layer, 'yolo26')).toBe(module));

  it('is told from YOLO11 by its one-to-one head', () => {
    expect(detectFamily([0, 23], true)).toBe('yolo26');
    expect(detectFamily([0, 23], false)).toBe('yolo11');
    const { family } = attributeNodes([
      { name: '/model.0/conv/Conv', opType: 'Conv' },
      { name: '/model.23/one2one_cv2.0/one2one_cv2.0.0/conv/Conv', opType: 'Conv' },
    ]);
    expect(family).toBe('yolo26');
  });
});

describe('post-processing nodes', () => {
  it.each([
    ['/NonMaxSuppression', true],
    ['/Gather_3', true],
    ['/model.23/TopK', false],
    ['ReorderOutput_token_3', false],
    ['/model.0/conv/Conv', false],
  ])('%s is a root-scope (export wrapper) node: %s', (name, root) =>
    expect(isRootScopeNode(name)).toBe(root),
  );

  it('top-k selection in the Detect layer and NMS at the root scope go to "postprocess"', () => {
    const nodes = [
      { name: '/model.0/conv/Conv', opType: 'Conv' },
      { name: '/model.22/cv2/conv/Conv', opType: 'Conv' },
      { name: '/model.23/one2one_cv3.0/one2one_cv3.0.2/Conv', opType: 'Conv' },
      { name: '/model.23/Sigmoid', opType: 'Sigmoid' },
      { name: '/model.23/ReduceMax', opType: 'ReduceMax' },
      { name: '/model.23/TopK', opType: 'TopK' },
      { name: '/model.23/GatherElements_1', opType: 'GatherElements' },
    ];
    const { attributed } = attributeNodes(nodes);
    expect(attributed.map((a) => [a.module, a.layer])).toEqual([
      ['backbone', 'model.0'],
      ['neck', 'model.22'],
      ['head', 'model.23'],
      ['head', 'model.23'],
      ['postprocess', 'model.23'],
      ['postprocess', 'model.23'],
      ['postprocess', 'model.23'],
    ]);

    const withNms = attributeNodes([
      { name: '/model.0/conv/Conv', opType: 'Conv' },
      { name: '/model.23/dfl/conv/Conv', opType: 'Conv' },
      { name: '/model.23/Concat_5', opType: 'Concat' },
      { name: '/Transpose', opType: 'Transpose' },
      { name: '/NonMaxSuppression', opType: 'NonMaxSuppression' },
      { name: '/Pad', opType: 'Pad' },
    ]);
    expect(withNms.family).toBe('yolo11');
    expect(withNms.attributed.slice(3).map((a) => [a.module, a.layer, a.attribution])).toEqual([
      ['postprocess', null, 'name'],
      ['postprocess', null, 'name'],
      ['postprocess', null, 'name'],
    ]);
  });
});

describe('profile diff: an operator type on one side only is a graph change', () => {
  const summary = (ops: [string, number][]): ProfileSummary =>
    ({
      modules: [],
      layers: [],
      opTypes: ops.map(([opType, medianUs]) => ({ opType, medianUs, share: 1, nodeCount: 1, providers: [] })),
      nodeMedians: {},
      totals: { nodeTimeMedianUs: ops.reduce((a, [, us]) => a + us, 0), nodeCount: ops.length },
    }) as unknown as ProfileSummary;

  it('a new NonMaxSuppression of 17 µs is listed although it is below the 20 µs floor', () => {
    const d = diffProfiles(
      summary([['Conv', 1000]]),
      summary([
        ['Conv', 1001],
        ['NonMaxSuppression', 17],
      ]),
    );
    const nms = d.opTypes.find((e) => e.key === 'NonMaxSuppression')!;
    expect(nms).toMatchObject({ baselineUs: 0, currentUs: 17, deltaPercent: null, significant: true });
    expect(d.regressions.some((e) => e.key === 'NonMaxSuppression')).toBe(true);
    expect(d.opTypes.find((e) => e.key === 'Conv')!.significant).toBe(false);
  });
});
