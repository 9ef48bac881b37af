/**
 * A file at the base commit against the same file in the working tree, read from git itself
 * (`git ls-tree` + `git cat-file blob`, binary-safe), with Git LFS pointers on either side seen
 * through: the question is always "same bytes?", never "same pointer text?".
 */
import { open, mkdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../util/errors.js';
import { sha256File } from '../util/hash.js';
import { shortSha } from './base.js';
import { gitText } from './git.js';
import { resolveLfsPointer } from './lfs.js';
import { LFS_POINTER_MAX_BYTES, parseLfsPointer } from './lfs-pointer.js';
import { pathInRepository } from './repo.js';
/**
 * The file at `repoPath` (repository-relative, `/` separators) in commit `sha`.
 * @param label names the input for the error raised when the path is a folder, link or submodule.
 */
export async function fileAtCommit(git, sha, repoPath, label) {
    // --full-tree: the path is from the root whatever git.cwd is; --literal-pathspecs: `*` in a file
    // name is a character, not a glob.
    const out = await git.run([
        '--literal-pathspecs',
        'ls-tree',
        '-z',
        '--long',
        '--full-tree',
        sha,
        '--',
        repoPath,
    ]);
    const entry = out.stdout
        .toString('utf8')
        .split('\0')
        .map((line) => /^(\d+) (\w+) ([0-9a-f]+) +(-|\d+)\t(.*)$/s.exec(line))
        .find((m) => m?.[5] === repoPath);
    if (!entry)
        return { state: 'absent' };
    const [, mode, type, oid, size] = entry;
    if (type !== 'blob' || mode === '120000') {
        const kind = type === 'tree' ? 'a folder' : type === 'commit' ? 'a submodule' : 'a symbolic link';
        throw new UsageError(`${label}: "${repoPath}" is ${kind} at commit ${shortSha(sha)}, not a model file`);
    }
    const bytes = Number(size);
    const info = { oid, size: bytes };
    if (bytes < LFS_POINTER_MAX_BYTES) {
        const pointer = parseLfsPointer((await git.run(['cat-file', 'blob', oid])).stdout);
        if (pointer)
            info.pointer = pointer;
    }
    return { state: 'file', ...info };
}
/** Writes a blob's raw bytes (no filters) to `out`, streamed. */
export async function writeBlob(git, oid, out) {
    await git.runToFile(['cat-file', 'blob', oid], out);
}
/** The Git LFS pointer in a working-tree file, if it is one (reads at most 1 KiB). */
export async function readPointerFile(path) {
    const handle = await open(path, 'r');
    try {
        const { size } = await handle.stat();
        if (size >= LFS_POINTER_MAX_BYTES)
            return undefined;
        const buffer = Buffer.alloc(size);
        await handle.read(buffer, 0, size, 0);
        return parseLfsPointer(buffer);
    }
    finally {
        await handle.close();
    }
}
/**
 * Compares the working-tree file `absolutePath` (known to git as `repoPath`) with its version at
 * `sha`, without reading either into memory whole:
 * - plain files on both sides: the blob id against `git hash-object --no-filters` of the file;
 * - LFS on both sides: the two pointers' oids (no download needed);
 * - LFS at the base only: the pointer's oid against the file's sha256;
 * - LFS in the working tree only: the pointer's oid against the sha256 of the base blob, which is
 *   written to `baseBlobOut` on the way (the caller needs it if they differ).
 */
export async function compareWithWorkingTree(git, sha, repoPath, absolutePath, options) {
    const base = await fileAtCommit(git, sha, repoPath, options.label);
    const head = await stat(absolutePath).catch(() => undefined);
    if (!head)
        return base.state === 'file' ? { kind: 'absent-now', base: blobInfo(base) } : { kind: 'absent-now' };
    if (!head.isFile())
        throw new UsageError(`${options.label}: "${absolutePath}" is not a file`);
    const headPointer = await readPointerFile(absolutePath);
    const withHead = headPointer ? { headPointer } : {};
    if (base.state === 'absent')
        return { kind: 'absent-at-base', ...withHead };
    const info = blobInfo(base);
    let identical;
    if (base.pointer && headPointer) {
        identical = base.pointer.oid === headPointer.oid;
    }
    else if (base.pointer) {
        identical = base.pointer.size === head.size && base.pointer.oid === (await sha256File(absolutePath));
    }
    else if (headPointer) {
        await writeBlob(git, base.oid, options.baseBlobOut);
        identical = base.size === headPointer.size && (await sha256File(options.baseBlobOut)) === headPointer.oid;
    }
    else {
        identical =
            base.size === head.size &&
                (await gitText(git, ['hash-object', '--no-filters', '--', absolutePath])) === base.oid;
    }
    return { kind: identical ? 'identical' : 'different', base: info, ...withHead };
}
function blobInfo(file) {
    return { oid: file.oid, size: file.size, ...(file.pointer ? { pointer: file.pointer } : {}) };
}
/**
 * The model in the working tree against its version at the base commit, ready to benchmark:
 * `unchanged` (same bytes: no paired run), `changed` (both files, LFS resolved), or `new`.
 *
 * @throws UsageError when the model is missing from the working tree, lies outside the
 *   repository, or is (on either side) an LFS pointer that cannot be resolved (naming `lfs: true`).
 */
export async function modelVersions(request) {
    const { git, repo, baseCommit, model, label, workDir } = request;
    const log = request.log ?? (() => { });
    const repoPath = await pathInRepository(repo, git.cwd, model, label);
    const absolute = isAbsolute(model) ? model : resolve(git.cwd, model);
    const name = basename(repoPath);
    await mkdir(join(workDir, 'base'), { recursive: true });
    const baseOut = join(workDir, 'base', name);
    const at = `at the base commit ${shortSha(baseCommit.sha)} (${baseCommit.source})`;
    const headCommit = await gitText(git, ['rev-parse', '--verify', '--quiet', 'HEAD']).catch(() => '');
    const warning = headCommit === baseCommit.sha
        ? `the checkout is the base commit ${shortSha(baseCommit.sha)} itself, so the model cannot differ from it; with pull_request_target, check out the pull request's head (actions/checkout with \`ref: \${{ github.event.pull_request.head.sha }}\`)`
        : undefined;
    if (warning)
        log(`warning: ${warning}`);
    const extra = warning ? { warning } : {};
    const cmp = await compareWithWorkingTree(git, baseCommit.sha, repoPath, absolute, {
        label,
        baseBlobOut: baseOut,
    });
    if (cmp.kind === 'absent-now') {
        throw new UsageError(cmp.base
            ? `${label}: "${model}" is not in the working tree, though it exists ${at}: removed by this change, or a wrong path?`
            : `${label}: "${model}" is neither in the working tree nor ${at}`);
    }
    let head = absolute;
    if (cmp.headPointer) {
        await mkdir(join(workDir, 'head'), { recursive: true });
        head = join(workDir, 'head', name);
        const how = await resolveLfsPointer(git, repo, { pointer: cmp.headPointer, path: repoPath, what: `"${model}" in the working tree`, label, out: head }, log);
        log(`"${model}" in the working tree is a Git LFS pointer: using its object (${how})`);
    }
    if (cmp.kind === 'absent-at-base') {
        return {
            status: 'new',
            repoPath,
            head,
            baseCommit,
            summary: `${repoPath}: new, no version ${at}`,
            ...extra,
        };
    }
    if (cmp.kind === 'identical') {
        return {
            status: 'unchanged',
            repoPath,
            head,
            baseCommit,
            summary: `${repoPath}: same bytes ${at}`,
            ...extra,
        };
    }
    if (cmp.base.pointer) {
        await resolveLfsPointer(git, repo, {
            pointer: cmp.base.pointer,
            path: repoPath,
            what: `the version of "${repoPath}" ${at}`,
            label,
            out: baseOut,
        }, log);
    }
    else if (!cmp.headPointer) {
        // (with an LFS head, compareWithWorkingTree already wrote the base blob)
        await writeBlob(git, cmp.base.oid, baseOut);
    }
    return {
        status: 'changed',
        repoPath,
        head,
        base: baseOut,
        baseCommit,
        summary: `${repoPath}: changed since the base commit ${shortSha(baseCommit.sha)} (${baseCommit.source})`,
        ...extra,
    };
}
