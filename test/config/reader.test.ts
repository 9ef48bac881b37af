import { describe, expect, it } from 'vitest';
import { parseBenchConfig, parseModelSource } from '../../src/config/bench.js';
import {
  actionReader,
  cliReader,
  readBoolean,
  readChoice,
  readDims,
  readInteger,
  readNumber,
  type InputReader,
} from '../../src/config/reader.js';

const action = (inputs: Record<string, string>): InputReader => actionReader((name) => inputs[name] ?? '');
const cli = (options: Record<string, unknown>): InputReader =>
  cliReader(options, { 'execution-provider': '--ep' });

describe('strict input parsing names the input and the value', () => {
  const cases: { name: string; run: () => unknown; expected?: unknown; error?: RegExp }[] = [
    {
      name: 'integer ok',
      run: () => readInteger(action({ iterations: ' 42 ' }), 'iterations', 1, { min: 1 }),
      expected: 42,
    },
    { name: 'integer default', run: () => readInteger(action({}), 'iterations', 7, { min: 1 }), expected: 7 },
    {
      name: 'integer rejects decimals',
      run: () => readInteger(action({ iterations: '1.5' }), 'iterations', 1),
      error: /^input "iterations": expected an integer, got "1.5"$/,
    },
    {
      name: 'integer rejects exponent',
      run: () => readInteger(action({ iterations: '1e3' }), 'iterations', 1),
      error: /got "1e3"/,
    },
    {
      name: 'integer rejects trailing text',
      run: () => readInteger(cli({ iterations: '12abc' }), 'iterations', 1),
      error: /^--iterations: expected an integer, got "12abc"$/,
    },
    {
      name: 'integer below min',
      run: () => readInteger(cli({ iterations: '0' }), 'iterations', 1, { min: 1 }),
      error: /^--iterations: expected an integer >= 1, got "0"$/,
    },
    {
      name: 'integer above max',
      run: () => readInteger(cli({ threads: '5000' }), 'threads', 0, { min: 0, max: 1024 }),
      error: /between 0 and 1024, got "5000"/,
    },
    {
      name: 'number ok',
      run: () => readNumber(action({ duration: '2.5' }), 'duration', 1, { min: 0 }),
      expected: 2.5,
    },
    {
      name: 'number rejects NaN text',
      run: () => readNumber(action({ duration: 'fast' }), 'duration', 1),
      error: /^input "duration": expected a number, got "fast"$/,
    },
    {
      name: 'number rejects Infinity',
      run: () => readNumber(action({ duration: 'Infinity' }), 'duration', 1),
      error: /expected a number, got "Infinity"/,
    },
    {
      name: 'number exclusive min',
      run: () => readNumber(action({ duration: '0' }), 'duration', 1, { min: 0, exclusiveMin: true }),
      error: /expected a number > 0, got "0"/,
    },
    {
      name: 'boolean true',
      run: () => readBoolean(action({ profile: 'TRUE' }), 'profile', false),
      expected: true,
    },
    {
      name: 'boolean false',
      run: () => readBoolean(action({ profile: 'false' }), 'profile', true),
      expected: false,
    },
    {
      name: 'boolean rejects yes',
      run: () => readBoolean(action({ profile: 'yes' }), 'profile', false),
      error: /^input "profile": expected true or false, got "yes"$/,
    },
    {
      name: 'boolean rejects 1',
      run: () => readBoolean(action({ profile: '1' }), 'profile', false),
      error: /got "1"/,
    },
    {
      name: 'choice ok',
      run: () => readChoice(action({ mode: 'b' }), 'mode', ['a', 'b'] as const, 'a'),
      expected: 'b',
    },
    {
      name: 'choice rejects',
      run: () => readChoice(action({ mode: 'c' }), 'mode', ['a', 'b'] as const, 'a'),
      error: /^input "mode": expected one of a, b; got "c"$/,
    },
    {
      name: 'dims ok',
      run: () => readDims(cli({ dim: ['batch=2', 'h=640'] }), 'dim'),
      expected: { batch: 2, h: 640 },
    },
    {
      name: 'dims rejects zero',
      run: () => readDims(cli({ dim: 'batch=0' }), 'dim'),
      error: /^--dim: expected NAME=POSITIVE_INTEGER, got "batch=0"$/,
    },
    {
      name: 'dims rejects garbage',
      run: () => readDims(action({ dim: 'batch' }), 'dim'),
      error: /got "batch"/,
    },
  ];
  it.each(cases)('$name', ({ run, expected, error }) => {
    if (error) expect(run).toThrowError(error);
    else expect(run()).toEqual(expected);
  });
});

describe('parseBenchConfig', () => {
  it('defaults to the built-in YOLOv8n at 640 on CPU, count-bound', () => {
    const config = parseBenchConfig(action({}));
    expect(config.model).toEqual({
      kind: 'builtin',
      options: { arch: 'yolov8n', imgsz: 640 },
      label: 'input "model"',
    });
    expect(config.executionProviders).toEqual([{ name: 'cpu' }]);
    expect(config.stop).toEqual({ iterations: 300 });
    expect(config.allowFallback).toBe(false);
    expect(config.profile.enabled).toBe(false);
  });

  it('parses the same inputs from CLI flags and Action inputs', () => {
    const fromCli = parseBenchConfig(
      cli({
        model: 'm.onnx',
        executionProvider: 'cuda:1,cpu',
        allowFallback: true,
        duration: '5',
        warmup: '3',
      }),
    );
    const fromAction = parseBenchConfig(
      action({
        model: 'm.onnx',
        'execution-provider': 'cuda:1,cpu',
        'allow-fallback': 'true',
        duration: '5',
        warmup: '3',
      }),
    );
    // Same config; only the labels that name the input in messages differ.
    expect({ ...fromCli, model: { ...fromCli.model, label: '' } }).toEqual({
      ...fromAction,
      model: { ...fromAction.model, label: '' },
    });
    expect([fromCli.model.label, fromAction.model.label]).toEqual(['--model', 'input "model"']);
    expect(fromCli.executionProviders).toEqual([{ name: 'cuda', deviceId: 1 }, { name: 'cpu' }]);
    expect(fromCli.stop).toEqual({ durationSeconds: 5, maxIterations: 100_000 });
  });

  it.each([
    ['builtin:yolo11n@320', { kind: 'builtin', options: { arch: 'yolo11n', imgsz: 320 }, label: '--model' }],
    ['builtin:yolov8s', { kind: 'builtin', options: { arch: 'yolov8s', imgsz: 640 }, label: '--model' }],
    ['models/det.onnx', { kind: 'file', path: 'models/det.onnx', label: '--model' }],
  ])('model source %s', (spec, expected) => {
    expect(parseModelSource(spec, '--model')).toEqual(expected);
  });

  it.each([
    ['builtin:yolov8n@100', /--model: image size must be a positive multiple of 32, got "100"/],
    ['builtin:', /--model: expected builtin:ARCH/],
    ['builtin:resnet50', /resnet50/],
  ])('bad model source %s', (spec, error) => {
    expect(() => parseModelSource(spec, '--model')).toThrowError(error);
  });

  it('the Action names its inputs in errors', () => {
    expect(() => parseBenchConfig(action({ 'execution-provider': 'npu' }))).toThrowError(
      /input "execution-provider"/,
    );
    expect(() => parseBenchConfig(action({ 'graph-optimization': 'max' }))).toThrowError(
      /^input "graph-optimization": expected one of disabled, basic, extended, layout, all; got "max"$/,
    );
  });
});
