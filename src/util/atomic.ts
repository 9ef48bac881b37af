import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UsageError, errorMessage } from './errors.js';

/**
 * Writes `data` to `path` so that readers see either the old file or the complete new one,
 * never a prefix: write-file-atomic writes a sibling temp file, fsyncs it and renames it over
 * the target (rename is atomic within one filesystem on POSIX).
 *
 * @param what names the input the path came from (e.g. `--out`) so a failure says which option was bad.
 * @throws UsageError when the folder cannot be created or the file cannot be written.
 */
export async function writeFileAtomically(path: string, data: string | Uint8Array, what = 'output'): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, typeof data === 'string' ? data : Buffer.from(data));
  } catch (err) {
    throw new UsageError(`${what}: cannot write "${path}": ${errorMessage(err)}`, { cause: err });
  }
}

/** JSON with two-space indentation and a final newline: stable, diff-friendly files. */
export function toPrettyJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
