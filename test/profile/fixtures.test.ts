/**
 * Fixture traces (test/fixtures/profile/README.md says where their shapes come from): fused and
 * optimiser-generated names, a CUDA-provider run with CPU fallback and Memcpy nodes.
 */
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { aggregateProfile } from '../../src/profile/aggregate.js';
import { attributeNodes, layerIndexOf } from '../../src/profile/modules.js';
import { formatProfileTable } from '../../src/profile/render.js';
import { ProfileSummarySchema } from '../../src/profile/schema.js';
import { suggest } from '../../src/profile/suggest.js';
import { readTraceFile } from '../../src/profile/trace-file.js';
import { isUsageError } from '../../src/util/errors.js';

const fixture = (name: string): string =>
  fileURLToPath(new URL(`../fixtures/profile/${name}`, import.meta.url));

describe('fused and generated node names', () => {
  it('are attributed to the layer and module of the original node', async () => {
    const trace = await readTraceFile(fixture('fused-names.json'));
    const { summary, nodes } = aggregateProfile(trace);
    expect(Value.Check(ProfileSummarySchema, summary)).toBe(true);
    expect(summary.family).toBe('yolov8');
    const by = Object.fromEntries(nodes.map((n) => [n.name, n]));
    expect(by['/model.0/conv/Conv_output_0_nchwc']).toMatchObject({
      layer: 'model.0',
      module: 'backbone',
      attribution: 'name',
    });
    expect(by['/model.0/act/Mul/QuickGeluFusion/']).toMatchObject({ layer: 'model.0', module: 'backbone' });
    // ReorderOutput follows its producer; ReorderInput feeds the node after it.
    expect(by['ReorderOutput_token_254']).toMatchObject({ layer: 'model.0', attribution: 'neighbour' });
    expect(by['ReorderInput_token_17']).toMatchObject({ layer: 'model.2', attribution: 'neighbour' });
    expect(by['/model.22/dfl/conv/Conv_token_9']).toMatchObject({ layer: 'model.22', module: 'head' });
    expect(by['Upsample_31']).toMatchObject({ layer: 'model.12', module: 'neck', attribution: 'neighbour' });
    expect(by['Concat_99']).toMatchObject({ layer: 'model.22', module: 'head', attribution: 'neighbour' });
    expect(summary.modules.map((m) => m.module)).toEqual(['backbone', 'neck', 'head']);
    expect(summary.memory.peakInUseBytes).toBe(1000011);
    expect(summary.memory.peakArenaHeldBytes).toBe(2097152);
    expect(summary.iterationsProfiled).toBe(3);
  });

  it('layer index parsing', () => {
    expect(layerIndexOf('/model.22/dfl/conv/Conv')).toBe(22);
    expect(layerIndexOf('/model.2/m.0/cv1/conv/Conv')).toBe(2);
    expect(layerIndexOf('/model.10/m/m.0/attn/qkv/conv/Conv_token_3')).toBe(10);
    expect(layerIndexOf('/model.4_output_0_nchwc')).toBe(4);
    expect(layerIndexOf('model.9.cv1.conv.weight')).toBe(9);
    expect(layerIndexOf('/backbone.model.3x/Conv')).toBe(null);
    expect(layerIndexOf('Conv_12')).toBe(null);
  });

  it('user mapping wins, in order; unmatched names of unknown architectures are "other"', () => {
    const ordered = [
      { name: '/encoder/layer1/Conv', opType: 'Conv' },
      { name: '/encoder/layer2/Conv', opType: 'Conv' },
      { name: '/decoder/Conv', opType: 'Conv' },
      { name: '/misc/Add', opType: 'Add' },
    ];
    const { family, attributed } = attributeNodes(ordered, {
      rules: [
        { pattern: '^/encoder/layer2', module: 'stage2' },
        { pattern: '^/encoder/', module: 'encoder' },
        { pattern: '^/decoder/', module: 'decoder' },
      ],
    });
    expect(family).toBe('unknown');
    expect(attributed.map((a) => a.module)).toEqual(['encoder', 'stage2', 'decoder', 'other']);
    expect(attributed.map((a) => a.attribution)).toEqual(['mapping', 'mapping', 'mapping', 'none']);
    let err: unknown;
    try {
      attributeNodes(ordered, { rules: [{ pattern: '(', module: 'x' }] });
    } catch (e) {
      err = e;
    }
    expect(isUsageError(err)).toBe(true);
    expect((err as Error).message).toMatch(/invalid pattern "\("/);
  });
});

describe('CUDA provider trace with CPU fallback and Memcpy', () => {
  it('counts and times the placement problems and names them in suggestions', async () => {
    const trace = await readTraceFile(fixture('cuda-fallback-memcpy.json'));
    expect(trace.kernelEventCount).toBe(5);
    const { summary } = aggregateProfile(trace, { skipRuns: 1, requestedProviders: ['cuda', 'cpu'] });
    expect(Value.Check(ProfileSummarySchema, summary)).toBe(true);
    expect(summary.iterationsProfiled).toBe(4);
    expect(summary.warmupRunsExcluded).toBe(1);
    const p = summary.placement;
    expect(p.gpuRequested).toBe(true);
    expect(p.providersSeen).toEqual(['CPUExecutionProvider', 'CUDAExecutionProvider']);
    expect(p.cpuFallback.count).toBe(1);
    expect(p.cpuFallback.nodes[0]).toMatchObject({ name: '/model.9/m/MaxPool', opType: 'MaxPool' });
    expect(p.cpuFallback.medianUs).toBe(120);
    expect(p.memcpy.count).toBe(4);
    expect(p.memcpy.fromHost).toBe(2);
    expect(p.memcpy.toHost).toBe(2);
    expect(p.memcpy.medianUs).toBe(100);
    // Memcpy nodes are attributed by neighbour, never left as "other".
    expect(summary.modules.map((m) => m.module)).not.toContain('other');
    // The warm-up run (3x slower) is excluded: FusedConv /model.0 median is its steady 40 µs.
    expect(summary.nodeMedians['/model.0/conv/Conv']).toBe(40);

    const s = suggest(summary);
    const ids = s.map((x) => x.id);
    expect(ids).toContain('cpu-fallback');
    expect(ids).toContain('memcpy');
    expect(ids).toContain('fp16');
    const fallback = s.find((x) => x.id === 'cpu-fallback')!;
    expect(fallback.text).toContain('/model.9/m/MaxPool');
    expect(fallback.text).toContain(fallback.evidence);
    const memcpy = s.find((x) => x.id === 'memcpy')!;
    expect(memcpy.text).toMatch(/2 MemcpyFromHost, 2 MemcpyToHost/);
    expect(memcpy.text).toContain('Memcpy_token_1');
    for (const x of s) expect(x.text).toContain(`Evidence: ${x.evidence}`);

    const table = formatProfileTable(summary, { top: 5 });
    expect(table).toMatch(/Placement: 1 CPU fallback node\(s\)/);
  });

  it('the same nodes on a CPU-only request are no placement problem and get no GPU suggestion', async () => {
    const trace = await readTraceFile(fixture('cuda-fallback-memcpy.json'));
    const { summary } = aggregateProfile(trace, { skipRuns: 1, requestedProviders: ['cpu'] });
    expect(summary.placement.cpuFallback.count).toBe(0);
    const ids = suggest(summary).map((x) => x.id);
    expect(ids).not.toContain('fp16');
    expect(ids).not.toContain('cpu-fallback');
    expect(ids).not.toContain('memcpy');
  });
});
