/**
 * The git side of `baseline: auto` (issue 11): the base commit, the model at the base commit
 * (Git LFS resolved), the comparison plan, and `model-command` builds in a base worktree.
 * I/O at the edge: git runs as a subprocess behind {@link Git}; only ./decide.ts is pure.
 */
export { createGit, gitSucceeds, gitText, GitError, reasonLine, type Git, type GitOutput } from './git.js';
export { openRepository, pathInRepository, type Repository } from './repo.js';
export {
  resolveBaseCommit,
  shortSha,
  type BaseCommit,
  type BaseSpec,
  type ResolveBaseOptions,
} from './base.js';
export {
  formatLfsPointer,
  lfsObjectPath,
  LFS_POINTER_MAX_BYTES,
  LFS_POINTER_VERSIONS,
  parseLfsPointer,
  type LfsPointer,
} from './lfs-pointer.js';
export { gitLfsAvailable, lfsStorageDir, resolveLfsPointer, type LfsRequest, type LfsSource } from './lfs.js';
export {
  compareWithWorkingTree,
  fileAtCommit,
  modelVersions,
  readPointerFile,
  writeBlob,
  type BlobInfo,
  type FileAtCommit,
  type ModelVersions,
  type ModelVersionsRequest,
  type WorkingTreeComparison,
} from './model-version.js';
export {
  AUTO_REASONS,
  autoUsesBase,
  decideAutoComparison,
  RELATIVE_EVENTS,
  type AutoDecision,
  type AutoPlan,
  type ModelStatus,
} from './decide.js';
export {
  buildModelsWithCommand,
  commandEnv,
  MODEL_OUT_ENV,
  MODEL_SIDE_ENV,
  runModelCommand,
  withWorktree,
  type BuildModelsOptions,
  type BuiltModels,
  type RunModelCommandOptions,
  type Side,
} from './model-command.js';
export {
  resolveRelativeModels,
  type RelativeModels,
  type RelativeRequest,
  type RelativeSource,
} from './relative.js';
