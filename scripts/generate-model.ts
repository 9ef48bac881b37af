/**
 * Generates a YOLO ONNX model and prints its summary.
 *   npx tsx scripts/generate-model.ts --arch yolov8n --imgsz 640 [--variant extra-blocks:6:2] [--seed 0] [--classes 80] [--out PATH]
 * Without --out the model goes to the cache (.cache/models/), reused when already there.
 */
import { parseArgs } from 'node:util';
import { toPrettyJson, writeFileAtomically } from '../src/util/atomic.js';
import { UsageError, errorMessage, isUsageError } from '../src/util/errors.js';
import {
  DEFAULT_ARCH,
  ensureModel,
  formatModelInfo,
  generateYoloModel,
  parseArch,
  parseVariant,
  type GenerateOptions,
  type ModelInfo,
} from '../src/model/index.js';

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^-?\d+$/.test(value)) throw new UsageError(`${name}: expected an integer, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      arch: { type: 'string', default: DEFAULT_ARCH },
      imgsz: { type: 'string' },
      variant: { type: 'string' },
      seed: { type: 'string' },
      classes: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const opts: GenerateOptions = {
    arch: parseArch(values.arch!, '--arch'),
    imgsz: integer(values.imgsz, '--imgsz'),
    seed: integer(values.seed, '--seed'),
    numClasses: integer(values.classes, '--classes'),
    variant: values.variant === undefined ? undefined : parseVariant(values.variant, '--variant'),
  };
  const started = performance.now();
  let path: string;
  let info: ModelInfo;
  if (values.out) {
    const generated = generateYoloModel(opts);
    info = generated.info;
    const bytes = generated.bytes;
    path = values.out;
    await writeFileAtomically(path, bytes, '--out');
    await writeFileAtomically(`${path}.json`, toPrettyJson(info), '--out');
  } else {
    ({ path, info } = await ensureModel(opts));
  }
  console.log(formatModelInfo(info));
  console.log(`Path:     ${path} (${((performance.now() - started) / 1000).toFixed(2)} s)`);
}

main().catch((err: unknown) => {
  console.error(isUsageError(err) ? `error: ${errorMessage(err)}` : err);
  process.exitCode = isUsageError(err) ? 2 : 70;
});
