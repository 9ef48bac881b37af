/**
 * The trend's copy-paste files: the Grafana dashboard charts only metrics the push really sends,
 * and the nightly workflow records, analyses, publishes and pushes without curl.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { historyRecordOf } from '../../src/trend/record.js';
import { pushFamilies } from '../../src/trend/pushgateway.js';
import { gpuSummary, makeResult, profileSummary } from '../fixtures/report/fixtures.js';
import { REPO_ROOT } from '../helpers/cli.js';

describe('docs/grafana/perf-gate-dashboard.json', () => {
  it('queries only metric families that perf-gate trend record --pushgateway sends', async () => {
    const dashboard = JSON.parse(
      await readFile(join(REPO_ROOT, 'docs/grafana/perf-gate-dashboard.json'), 'utf8'),
    ) as { panels: { title: string; targets: { expr: string }[] }[] };
    // A run with (fake) GPU telemetry and a profile: every family is present.
    const record = historyRecordOf(
      makeResult({
        gpuName: 'NVIDIA L4',
        gpu: gpuSummary(),
        profile: profileSummary({ backbone: 1, head: 1 }),
      }),
      { date: '2025-01-01T00:00:00Z', toolVersion: '0.1.0' },
    );
    const families = new Set(pushFamilies(record).map((f) => f.name));
    const queried = dashboard.panels.flatMap((p) =>
      p.targets.flatMap((t) => t.expr.match(/perf_gate_\w+/g) ?? []),
    );
    expect(queried.length).toBeGreaterThan(8);
    for (const name of queried) expect(families, name).toContain(name);
    for (const needed of [
      'perf_gate_latency_seconds',
      'perf_gate_peak_memory_bytes',
      'perf_gate_module_time_seconds',
      'perf_gate_reliable',
    ])
      expect(queried).toContain(needed);
  });
});

describe('docs/workflows/perf-gate-nightly.yml (trend)', () => {
  it('records the run, finds change points with alerts, publishes the dashboard to Pages, pushes without curl', async () => {
    const wf = parse(await readFile(join(REPO_ROOT, 'docs/workflows/perf-gate-nightly.yml'), 'utf8')) as {
      permissions: Record<string, string>;
      jobs: Record<
        string,
        { outputs?: Record<string, string>; steps: { uses?: string; run?: string; id?: string }[] }
      >;
    };
    const steps = wf.jobs.refresh?.steps ?? [];
    const runs = steps.map((s) => s.run ?? '').join('\n');
    expect(runs).toContain('perf-gate trend record --result "$RESULT"');
    expect(runs).toContain('--pushgateway "$PUSHGATEWAY_URL"');
    expect(runs).toMatch(/perf-gate trend --history \S+ \\\n\s+--alert/);
    expect(runs).toContain('perf-gate dashboard --history');
    expect(runs).not.toContain('curl');
    expect(steps.find((s) => s.id === 'trend')).toBeDefined();
    expect(wf.jobs.refresh?.outputs?.['new-change-points']).toBe(
      '${{ steps.trend.outputs.new-change-points }}',
    );
    expect(wf.permissions.issues).toBe('write');
    expect(steps.some((s) => s.uses?.startsWith('actions/upload-pages-artifact@'))).toBe(true);
    expect(wf.jobs.pages?.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@'))).toBe(true);
  });
});
