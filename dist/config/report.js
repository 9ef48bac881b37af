import { DEFAULT_ARCH, DEFAULT_IMGSZ, parseArch, parsePrecision, parseVariant } from '../model/options.js';
import { UsageError } from '../util/errors.js';
import { FAIL_ON } from './action.js';
import { parsePolicy } from './policy.js';
import { readChoice, readInteger, readOptionalInteger, readRequiredString, readString, } from './reader.js';
export const REPORT_FORMATS = ['markdown', 'json', 'openmetrics'];
/** Parses `report`'s inputs (the verdict policy included: the report judges with the same flags as `gate`). */
export function parseReportConfig(reader) {
    const baselinePath = readString(reader, 'baseline');
    const baselinesDir = readString(reader, 'baselines');
    if (baselinePath && baselinesDir)
        throw new UsageError('--baseline and --baselines: give one or the other, not both');
    if (!baselinePath && !baselinesDir)
        throw new UsageError('--baseline: is required (or --baselines DIR to look it up)');
    const templatePath = readString(reader, 'template');
    const title = readString(reader, 'title');
    const runUrl = readString(reader, 'run-url');
    const maxLength = readOptionalInteger(reader, 'max-length', { min: 1000, max: 10_000_000 });
    const outPath = readString(reader, 'out');
    return {
        format: readChoice(reader, 'format', REPORT_FORMATS, 'markdown'),
        currentPath: readRequiredString(reader, 'current'),
        baseline: baselinePath
            ? { kind: 'file', path: baselinePath }
            : { kind: 'folder', dir: baselinesDir },
        policy: parsePolicy(reader),
        ...(templatePath ? { templatePath } : {}),
        ...(title ? { title } : {}),
        ...(runUrl ? { runUrl } : {}),
        ...(maxLength !== undefined ? { maxLength } : {}),
        ...(outPath ? { outPath } : {}),
    };
}
export const DEFAULT_MERGE_TITLE = 'yolo-perf-gate: matrix';
/** Parses `merge`'s inputs; `results` is the list of folders or files. */
export function parseMergeConfig(reader, results) {
    if (results.length === 0)
        throw new UsageError(`${reader.label('results')}: is required`);
    const outPath = readString(reader, 'out');
    return {
        results: [...results],
        ...(outPath ? { outPath } : {}),
        title: readString(reader, 'title', DEFAULT_MERGE_TITLE),
        failOn: readChoice(reader, 'fail-on', FAIL_ON, 'never'),
    };
}
/** Parses `model generate`'s inputs. */
export function parseModelGenerateConfig(reader) {
    const arch = parseArch(readString(reader, 'arch', DEFAULT_ARCH), reader.label('arch'));
    const imgsz = readInteger(reader, 'imgsz', DEFAULT_IMGSZ, { min: 32, max: 8192 });
    if (imgsz % 32 !== 0)
        throw new UsageError(`${reader.label('imgsz')}: expected a multiple of 32, got "${imgsz}"`);
    const variantSpec = readString(reader, 'variant');
    const outPath = readString(reader, 'out');
    return {
        options: {
            arch,
            imgsz,
            numClasses: readInteger(reader, 'classes', 80, { min: 1, max: 10_000 }),
            seed: readInteger(reader, 'seed', 0, { min: 0, max: 2 ** 32 - 1 }),
            ...(variantSpec ? { variant: parseVariant(variantSpec, reader.label('variant')) } : {}),
            ...(reader.read('nms') === 'true' ? { nms: true } : {}),
            precision: parsePrecision(readString(reader, 'precision', 'fp32'), reader.label('precision')),
        },
        ...(outPath ? { outPath } : {}),
        cacheDir: readString(reader, 'cache-dir', '.cache/models'),
        json: reader.read('json') === 'true',
    };
}
