/**
 * The git side of `baseline: auto` (issue 11): the base commit, the model at the base commit
 * (Git LFS resolved), the comparison plan, and `model-command` builds in a base worktree.
 * I/O at the edge: git runs as a subprocess behind {@link Git}; only ./decide.ts is pure.
 */
export { createGit, gitSucceeds, gitText, GitError, reasonLine } from './git.js';
export { openRepository, pathInRepository } from './repo.js';
export { resolveBaseCommit, shortSha, } from './base.js';
export { formatLfsPointer, lfsObjectPath, LFS_POINTER_MAX_BYTES, LFS_POINTER_VERSIONS, parseLfsPointer, } from './lfs-pointer.js';
export { gitLfsAvailable, lfsStorageDir, resolveLfsPointer } from './lfs.js';
export { compareWithWorkingTree, fileAtCommit, modelVersions, readPointerFile, writeBlob, } from './model-version.js';
export { AUTO_REASONS, autoUsesBase, decideAutoComparison, RELATIVE_EVENTS, } from './decide.js';
export { buildModelsWithCommand, commandEnv, MODEL_OUT_ENV, MODEL_SIDE_ENV, runModelCommand, withWorktree, } from './model-command.js';
export { resolveRelativeModels, } from './relative.js';
