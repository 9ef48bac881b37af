import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import { cliReader, readInteger, readString } from '../config/reader.js';
import {
  DEFAULT_ARCH,
  DEFAULT_IMGSZ,
  SUPPORTED_ARCHS,
  ensureModel,
  formatModelInfo,
  parseArch,
  parsePrecision,
  parseVariant,
} from '../model/index.js';
import { UsageError } from '../util/errors.js';
import { toPrettyJson, writeFileAtomically } from '../util/atomic.js';
import type { CliContext } from './main.js';

/** `perf-gate model generate`: writes a generated YOLO model (cached) and prints its size and FLOPs. */
export function registerModelCommand(program: Command, ctx: CliContext): void {
  const model = program
    .command('model')
    .description('generate YOLO ONNX models for tests, demos and benchmarks');
  model
    .command('generate')
    .description(`generate a YOLO model with seeded weights (${SUPPORTED_ARCHS.join(', ')})`)
    .option('--arch <arch>', 'architecture', DEFAULT_ARCH)
    .option('--imgsz <n>', 'input image size (multiple of 32)', String(DEFAULT_IMGSZ))
    .option('--classes <n>', 'number of classes', '80')
    .option('--seed <n>', 'weight seed', '0')
    .option('--variant <spec>', 'a slower variant, e.g. extra-blocks:LAYER:COUNT')
    .option('--nms', 'append NMS as an Ultralytics nms=True export does (conf 0.25, iou 0.7, max_det 300)')
    .option('--precision <p>', 'fp32, fp16 (half=True export) or int8 (QDQ)', 'fp32')
    .option('--out <path>', 'copy the model here (default: print the cache path)')
    .option('--cache-dir <dir>', 'cache folder', '.cache/models')
    .option('--json', 'print the model info as JSON')
    .action(async (opts: Record<string, unknown>) => {
      const reader = cliReader(opts);
      const arch = parseArch(readString(reader, 'arch', DEFAULT_ARCH), '--arch');
      const imgsz = readInteger(reader, 'imgsz', DEFAULT_IMGSZ, { min: 32 });
      if (imgsz % 32 !== 0) throw new UsageError(`--imgsz: expected a multiple of 32, got "${imgsz}"`);
      const variantSpec = readString(reader, 'variant');
      const { path, info, cached } = await ensureModel(
        {
          arch,
          imgsz,
          numClasses: readInteger(reader, 'classes', 80, { min: 1, max: 10_000 }),
          seed: readInteger(reader, 'seed', 0, { min: 0, max: 2 ** 32 - 1 }),
          ...(variantSpec ? { variant: parseVariant(variantSpec) } : {}),
          ...(opts.nms ? { nms: true } : {}),
          precision: parsePrecision(readString(reader, 'precision', 'fp32')),
        },
        readString(reader, 'cache-dir', '.cache/models'),
      );
      const out = readString(reader, 'out');
      if (out) await writeFileAtomically(out, await readFile(path), '--out');
      const where = out ?? path;
      if (opts.json) ctx.stdout(toPrettyJson({ path: where, cached, ...info }));
      else ctx.stdout(`${formatModelInfo(info)}\n${cached ? 'cached' : 'written'}: ${where}\n`);
    });
}
