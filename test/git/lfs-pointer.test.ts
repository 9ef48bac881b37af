/**
 * Git LFS pointer recognition against the Git LFS specification (git-lfs/git-lfs docs/spec.md,
 * "The Pointer": its v1 example, the pre-release version URL, the key rules) and against the
 * official tool's own output (`git lfs pointer --file`, which the spec names as the reference).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  formatLfsPointer,
  lfsObjectPath,
  LFS_POINTER_MAX_BYTES,
  parseLfsPointer,
} from '../../src/git/lfs-pointer.js';
import { sha256Hex, tinyOnnxModel } from '../helpers/git-repo.js';

const run = promisify(execFile);
const enc = (s: string) => new TextEncoder().encode(s);
/** The spec's example oid and size. */
const OID = '4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393';

describe('parseLfsPointer', () => {
  it.each([
    ['the spec v1 example', `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`],
    [
      'the pre-release version URL',
      `version https://hawser.github.com/spec/v1\noid sha256:${OID}\nsize 12345\n`,
    ],
    [
      'unknown keys kept in order (extensions)',
      `version https://git-lfs.github.com/spec/v1\next-0-foo sha256:${'a'.repeat(64)}\noid sha256:${OID}\nsize 12345\n`,
    ],
    ['a lost final newline', `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 12345`],
  ])('reads %s', (_name, text) => {
    expect(parseLfsPointer(enc(text))).toEqual({ oid: OID, size: 12345 });
  });

  it.each([
    ['an ONNX model', tinyOnnxModel(2)],
    ['empty bytes', new Uint8Array()],
    ['another version URL', enc(`version https://example.com/spec/v1\noid sha256:${OID}\nsize 1\n`)],
    ['version not first', enc(`oid sha256:${OID}\nversion https://git-lfs.github.com/spec/v1\nsize 1\n`)],
    ['keys out of order', enc(`version https://git-lfs.github.com/spec/v1\nsize 1\noid sha256:${OID}\n`)],
    ['no size', enc(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\n`)],
    [
      'a size that is not a number',
      enc(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1e3\n`),
    ],
    [
      'another hash method',
      enc(`version https://git-lfs.github.com/spec/v1\noid sha1:${'a'.repeat(40)}\nsize 1\n`),
    ],
    ['a short oid', enc(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID.slice(1)}\nsize 1\n`)],
    ['CRLF line ends', enc(`version https://git-lfs.github.com/spec/v1\r\noid sha256:${OID}\r\nsize 1\r\n`)],
    [
      'two spaces after a key',
      enc(`version  https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1\n`),
    ],
    ['invalid UTF-8', new Uint8Array([0x76, 0xff, 0xfe, 0x0a])],
    [
      `${LFS_POINTER_MAX_BYTES} bytes or more`,
      enc(`version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize 1\nz ${'x'.repeat(1024)}\n`),
    ],
  ])('rejects %s', (_name, bytes) => {
    expect(parseLfsPointer(bytes)).toBeUndefined();
  });

  it('round-trips what it formats, and shards object paths as the spec shows', () => {
    const pointer = { oid: OID, size: 12345 };
    expect(parseLfsPointer(enc(formatLfsPointer(pointer)))).toEqual(pointer);
    expect(lfsObjectPath(OID)).toEqual(['objects', '4d', '7a', OID]);
  });

  it('writes byte for byte what `git lfs pointer --file` writes (the reference tool), when git-lfs is here', async (ctx) => {
    const available = await run('git', ['lfs', 'version']).then(
      () => true,
      () => false,
    );
    // CI installs git-lfs (.ci/run), so there this check always runs.
    if (process.env.CI) expect(available).toBe(true);
    if (!available) ctx.skip();
    const dir = await mkdtemp(join(tmpdir(), 'perf-gate-lfs-pointer-'));
    try {
      const model = tinyOnnxModel(3);
      await writeFile(join(dir, 'm.onnx'), model);
      // The reference prints the pointer on stdout (and a header on stderr).
      const { stdout } = await run('git', ['lfs', 'pointer', '--file=m.onnx'], { cwd: dir });
      const pointer = { oid: sha256Hex(model), size: model.length };
      expect(stdout).toBe(formatLfsPointer(pointer));
      expect(parseLfsPointer(enc(stdout))).toEqual(pointer);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
