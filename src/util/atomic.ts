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
export async function writeFileAtomically(
  path: string,
  data: string | Uint8Array,
  what = 'output',
): Promise<void> {
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

/**
 * Fails early (before a long benchmark) when `path` cannot be written: its folder must exist or
 * be creatable, and be writable; an existing directory at `path` is rejected.
 */
export async function assertWritableTarget(path: string, what = 'output'): Promise<void> {
  const { access, stat } = await import('node:fs/promises');
  const { constants } = await import('node:fs');
  const existing = await stat(path).catch(() => undefined);
  if (existing?.isDirectory())
    throw new UsageError(`${what}: "${path}" is a directory, expected a file path`);
  let dir = dirname(path);
  // Walk up to the first existing ancestor: mkdir -p will create the rest.
  for (;;) {
    const info = await stat(dir).catch(() => undefined);
    if (info) {
      if (!info.isDirectory())
        throw new UsageError(`${what}: cannot write "${path}": "${dir}" is not a directory`);
      break;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  try {
    await access(dir, constants.W_OK);
  } catch {
    throw new UsageError(`${what}: cannot write "${path}": folder "${dir}" is not writable`);
  }
}
