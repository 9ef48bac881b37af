/**
 * Git LFS pointer files, pure: recognise the small text file that stands in a git tree for a large
 * file kept by Git LFS, so a model is never benchmarked as its 130-byte pointer.
 *
 * Format: the Git LFS specification (git-lfs/git-lfs, docs/spec.md, "The Pointer"): UTF-8 lines
 * `{key} {value}\n`, `version` first and the other keys in ascending order, keys of `[a-z0-9.-]`,
 * required keys `version`, `oid` (`sha256:` + 64 hex digits) and `size` (bytes). Version URLs:
 * `https://git-lfs.github.com/spec/v1` and the pre-release `https://hawser.github.com/spec/v1`,
 * compared as plain strings as the spec requires.
 */
/** The version URLs git-lfs reads (the spec's v1, and the pre-release name it still accepts). */
export const LFS_POINTER_VERSIONS = [
    'https://git-lfs.github.com/spec/v1',
    'https://hawser.github.com/spec/v1',
];
/**
 * Files of this size or more are never pointers: git-lfs itself reads at most 1024 bytes when
 * deciding (its blob size cut-off), and a real pointer is about 130 bytes.
 */
export const LFS_POINTER_MAX_BYTES = 1024;
const KEY = /^[a-z0-9.-]+$/;
/**
 * The pointer in `bytes`, or `undefined` when they are not a Git LFS pointer (any other file,
 * including a malformed pointer: git-lfs then treats it as ordinary content too).
 */
export function parseLfsPointer(bytes) {
    if (bytes.length === 0 || bytes.length >= LFS_POINTER_MAX_BYTES)
        return undefined;
    // Decoding with `fatal` rejects non-UTF-8 (a model's first bytes are binary protobuf).
    let text;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    }
    catch {
        return undefined;
    }
    // The spec ends every line with \n; a pointer whose last newline was lost still stands for the
    // model, so it is recognised rather than benchmarked.
    const lines = (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
    const entries = [];
    for (const line of lines) {
        const space = line.indexOf(' ');
        if (space <= 0)
            return undefined;
        const key = line.slice(0, space);
        const value = line.slice(space + 1);
        if (!KEY.test(key) || value === '' || value.includes('\r'))
            return undefined;
        entries.push([key, value]);
    }
    const [first, ...rest] = entries;
    if (!first || first[0] !== 'version' || !LFS_POINTER_VERSIONS.includes(first[1]))
        return undefined;
    for (let i = 1; i < rest.length; i++) {
        if (rest[i - 1][0] >= rest[i][0])
            return undefined;
    }
    const values = new Map(rest);
    const oid = /^sha256:([0-9a-f]{64})$/.exec(values.get('oid') ?? '')?.[1];
    const sizeText = values.get('size') ?? '';
    if (!oid || !/^(0|[1-9][0-9]*)$/.test(sizeText))
        return undefined;
    const size = Number(sizeText);
    if (!Number.isSafeInteger(size))
        return undefined;
    return { oid, size };
}
/** A pointer's text, as git-lfs writes it (for tests and for messages that quote one). */
export function formatLfsPointer(pointer) {
    return `version ${LFS_POINTER_VERSIONS[0]}\noid sha256:${pointer.oid}\nsize ${pointer.size}\n`;
}
/** Where git-lfs keeps an object under its storage folder: `objects/OID[0:2]/OID[2:4]/OID` (spec). */
export function lfsObjectPath(oid) {
    return ['objects', oid.slice(0, 2), oid.slice(2, 4), oid];
}
