import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrace } from '../../src/profile/parse.js';
import { aggregateProfile } from '../../src/profile/aggregate.js';
import { readTraceFile } from '../../src/profile/trace-file.js';
import { isUsageError } from '../../src/util/errors.js';

const FIXTURES = new URL('../fixtures/profile/', import.meta.url);
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'profile-parse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectUsageError(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isUsageError(err), String(err)).toBe(true);
  expect((err as Error).message).toMatch(pattern);
  expect((err as Error).message).not.toContain('\n');
}

describe('readTraceFile / parseTrace: bad input', () => {
  it('missing file: names the path', async () => {
    await expectUsageError(readTraceFile(join(dir, 'nope.json')), /cannot read ".*nope\.json"/);
  });

  it('empty file', async () => {
    const p = join(dir, 'empty.json');
    await writeFile(p, '');
    await expectUsageError(readTraceFile(p), /is empty/);
    expect(() => parseTrace('  \n', 'blank.json')).toThrow(/empty/);
  });

  it('non-JSON text', async () => {
    const p = join(dir, 'text.json');
    await writeFile(p, 'this is not a trace\n');
    await expectUsageError(readTraceFile(p), /not valid JSON/);
  });

  it('JSON that is not a trace', () => {
    expect(() => parseTrace('{"a": 1}', 'obj.json')).toThrow(/expected a JSON array of trace events/);
    expect(() => parseTrace('42', 'num.json')).toThrow(/got a number/);
    // Chrome's object form is accepted.
    expect(parseTrace('{"traceEvents": []}', 'o.json').nodes).toEqual([]);
  });

  // onnxruntime 1.29 writes node names unescaped (see real.test.ts for a real trace with such names).
  const ortEvent = (name: string, ts: number): string =>
    `{"cat" : "Node","pid" :1,"tid" :1,"dur" :5,"ts" :${ts},"ph" : "X","name" :"${name}_kernel_time","args" : {"op_name" : "Relu","provider" : "CPUExecutionProvider","node_index" : "0"}},`;
  const ortTrace = (names: string[]): string =>
    [
      '[',
      ...names.map((n, i) => ortEvent(n, 10 + i * 10)),
      '{"cat" : "Session","pid" :1,"tid" :1,"dur" :100,"ts" :0,"ph" : "X","name" :"model_run","args" : {}}',
      ']',
      '',
    ].join('\n');

  it.each([
    ['a quote', 'say "hi"'],
    ['a line break', 'two\nlines'],
    ['a backslash', 'C:\\models\\n1'],
    ['a quote and the args marker', 'x","args" : {"y'],
    ['everything', '@octocat "#123"\n\\ </details>'],
  ])('a node name with %s is read as written', (_label, name) => {
    const trace = parseTrace(ortTrace(['plain', name, 'after']), 'ort.json');
    expect(trace.nodes.map((n) => n.name)).toEqual(['plain', name, 'after']);
    expect(trace.truncated).toBe(false);
    expect(trace.runs).toHaveLength(1);
    expect(trace.warnings.join()).toMatch(
      /1 node event\(s\) had a name with a quote, backslash or line break/,
    );
  });

  it('an event that is broken beyond a raw name is named by its line, in one line', () => {
    const text = ortTrace(['plain', 'second']).replace('"dur" :5,"ts" :20', '"dur" :5,"ts" 20');
    expect(() => parseTrace(text, 'bad.json')).toThrow(
      /^profile trace "bad\.json": the event on line 3 is not valid JSON, even with its node name re-quoted/,
    );
    try {
      parseTrace(text, 'bad.json');
    } catch (err) {
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('truncated file: keeps the complete events, drops the unfinished run', async () => {
    const text = await readFile(new URL('fused-names.json', FIXTURES), 'utf8');
    const full = parseTrace(text, 'full.json');
    // Cut in the middle of the last run's node events (before its model_run line).
    const cut = text.slice(0, text.lastIndexOf('/model.22/dfl/conv/Conv_token_9') + 10);
    const trace = parseTrace(cut, 'cut.json');
    expect(trace.truncated).toBe(true);
    expect(trace.warnings.join()).toMatch(/truncated/);
    expect(trace.runs.length).toBe(full.runs.length - 1);
    const { summary } = aggregateProfile(trace);
    expect(summary.iterationsProfiled).toBe(2);
    expect(summary.warnings.join()).toMatch(/outside any model_run/);
  });

  it('events without args (or with malformed fields) are skipped and counted, never fatal', () => {
    const events = [
      { cat: 'Session', name: 'model_run', ts: 0, dur: 100, ph: 'X', args: {} },
      { cat: 'Node', name: '/model.0/conv/Conv_kernel_time', ts: 10, dur: 20, ph: 'X' },
      { cat: 'Node', name: '/model.1/conv/Conv_kernel_time', ts: 40, dur: 20, ph: 'X', args: {} },
      {
        cat: 'Node',
        name: '/model.2/conv/Conv_kernel_time',
        ts: 'x',
        dur: 20,
        ph: 'X',
        args: { op_name: 'Conv' },
      },
      'not an object',
      null,
      {
        cat: 'Node',
        name: '/model.3/conv/Conv_kernel_time',
        ts: 70,
        dur: 5,
        ph: 'X',
        args: { op_name: 'Conv' },
      },
    ];
    const trace = parseTrace(JSON.stringify(events), 'partial.json');
    expect(trace.eventCount).toBe(7);
    expect(trace.skippedEvents).toBe(5);
    expect(trace.nodes.map((n) => n.name)).toEqual(['/model.3/conv/Conv']);
    expect(trace.nodes[0]!.provider).toBe('unknown');
    const { summary } = aggregateProfile(trace);
    expect(summary.trace.skippedEvents).toBe(5);
    expect(summary.warnings.join()).toMatch(/skipped 5 malformed/);
  });

  it('a trace without any node event is a clear error in aggregation', () => {
    const trace = parseTrace('[{"cat":"Session","name":"model_run","ts":0,"dur":5,"args":{}}]', 'none.json');
    expect(() => aggregateProfile(trace)).toThrow(/no complete profiled run|all of them warm-up/);
    expect(() => aggregateProfile(parseTrace('[]', 'e.json'))).toThrow(/no complete profiled run/);
  });

  it('reports the file size', async () => {
    const trace = await readTraceFile(new URL('fused-names.json', FIXTURES).pathname);
    const text = await readFile(new URL('fused-names.json', FIXTURES));
    expect(trace.bytes).toBe(text.length);
    expect(trace.fileName).toBe('fused-names.json');
  });
});
