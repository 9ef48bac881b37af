import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { YOLO11_TABLE, YOLOV8_TABLE, type ArchitectureTable } from '../../src/model/architectures.js';

// The AGPL YAMLs are reference data outside the repository (../shared/reference/ultralytics).
const REFERENCE_DIR = join(process.cwd(), '..', 'shared', 'reference', 'ultralytics');
const haveReference = existsSync(REFERENCE_DIR);

/** YAML's `None` arrives as the string "None"; our tables write null. */
const normalise = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(normalise) : value === 'None' ? null : value;

describe.each([
  ['yolov8.yaml', YOLOV8_TABLE],
  ['yolo11.yaml', YOLO11_TABLE],
] as const)('layer table vs Ultralytics %s', (file: string, table: ArchitectureTable) => {
  it.skipIf(!haveReference)(`equals the reference (skipped when ${REFERENCE_DIR} is absent)`, () => {
    const ref = parse(readFileSync(join(REFERENCE_DIR, file), 'utf8')) as Record<string, unknown>;
    expect(ref.nc).toBe(table.nc);
    expect(ref.scales).toEqual(table.scales);
    expect(normalise(ref.backbone)).toEqual(table.backbone);
    expect(normalise(ref.head)).toEqual(table.head);
  });
});
