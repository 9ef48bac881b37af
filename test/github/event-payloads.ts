/**
 * Webhook payload fixtures shaped like GitHub's documented payloads
 * (https://docs.github.com/webhooks/webhook-events-and-payloads#pull_request and #workflow_run),
 * trimmed to realistic fields; the values are made up.
 */

interface RepoSpec {
  owner: string;
  name: string;
  id: number;
  /** `repository.fork`: whether this repository is itself a fork of another. */
  fork: boolean;
}

function repository(r: RepoSpec): Record<string, unknown> {
  return {
    id: r.id,
    node_id: `R_kgDO${r.id}`,
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    private: false,
    owner: { login: r.owner, id: r.id + 1, type: 'User', site_admin: false },
    html_url: `https://github.com/${r.owner}/${r.name}`,
    fork: r.fork,
    url: `https://api.github.com/repos/${r.owner}/${r.name}`,
    default_branch: 'main',
  };
}

export interface PullRequestPayloadSpec {
  number?: number;
  base?: Partial<RepoSpec>;
  /** `null` for a deleted fork (GitHub then sends `head.repo: null`). */
  head?: Partial<RepoSpec> | null;
  headRef?: string;
  headSha?: string;
  baseRef?: string;
  baseSha?: string;
  action?: string;
}

const BASE: RepoSpec = { owner: 'acme', name: 'detector', id: 1296269, fork: false };

/** A `pull_request` / `pull_request_target` payload. Default: same-repo PR #42 into acme/detector. */
export function pullRequestPayload(spec: PullRequestPayloadSpec = {}): Record<string, unknown> {
  const base: RepoSpec = { ...BASE, ...spec.base };
  const head: RepoSpec | null = spec.head === null ? null : { ...base, ...spec.head };
  const number = spec.number ?? 42;
  const headRef = spec.headRef ?? 'feature/faster-nms';
  const headSha = spec.headSha ?? '6dcb09b5b57875f334f61aebed695e2e4193db5e';
  const baseRef = spec.baseRef ?? 'main';
  const baseSha = spec.baseSha ?? '9049f1265b7d61be4a8904a9a27120d2064dab3b';
  const baseRepo = repository(base);
  const sender = { login: head?.owner ?? 'ghost', id: 10001, type: 'User' };
  return {
    action: spec.action ?? 'synchronize',
    number,
    pull_request: {
      url: `https://api.github.com/repos/${base.owner}/${base.name}/pulls/${number}`,
      id: 1_000_000 + number,
      node_id: `PR_kwDO${number}`,
      html_url: `https://github.com/${base.owner}/${base.name}/pull/${number}`,
      number,
      state: 'open',
      locked: false,
      title: 'Speed up NMS',
      user: sender,
      body: 'Please review.',
      draft: false,
      head: {
        label: `${head?.owner ?? 'ghost'}:${headRef}`,
        ref: headRef,
        sha: headSha,
        user: sender,
        repo: head === null ? null : repository(head),
      },
      base: {
        label: `${base.owner}:${baseRef}`,
        ref: baseRef,
        sha: baseSha,
        user: baseRepo.owner,
        repo: baseRepo,
      },
      author_association: head === null || head.owner !== base.owner ? 'CONTRIBUTOR' : 'MEMBER',
      merged: false,
      mergeable: null,
    },
    repository: baseRepo,
    sender,
  };
}

export interface WorkflowRunPayloadSpec {
  /** The PR as GitHub lists it in `workflow_run.pull_requests`; omit for a fork PR (GitHub leaves it empty). */
  pullRequest?: { number: number; headRef: string; headSha: string; baseRef: string; baseSha: string };
  head?: Partial<RepoSpec>;
  headBranch?: string;
  headSha?: string;
}

/** A `workflow_run` (completed) payload for a run triggered by `pull_request`. */
export function workflowRunPayload(spec: WorkflowRunPayloadSpec = {}): Record<string, unknown> {
  const base = repository(BASE);
  const head = repository({ ...BASE, ...spec.head });
  const apiRepo = (r: Record<string, unknown>) => ({ id: r.id, url: r.url, name: r.name });
  const pr = spec.pullRequest;
  return {
    action: 'completed',
    workflow_run: {
      id: 30433642,
      name: 'perf',
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      head_branch: spec.headBranch ?? pr?.headRef ?? 'feature/faster-nms',
      head_sha: spec.headSha ?? pr?.headSha ?? '6dcb09b5b57875f334f61aebed695e2e4193db5e',
      pull_requests: pr
        ? [
            {
              url: `${base.url as string}/pulls/${pr.number}`,
              id: 1_000_000 + pr.number,
              number: pr.number,
              head: { ref: pr.headRef, sha: pr.headSha, repo: apiRepo(head) },
              base: { ref: pr.baseRef, sha: pr.baseSha, repo: apiRepo(base) },
            },
          ]
        : [],
      repository: base,
      head_repository: head,
    },
    repository: base,
    sender: { login: 'octocat', id: 1, type: 'User' },
  };
}
