import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Marked } from 'marked';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GITHUB_COMMENT_LIMIT,
  breakReferences,
  codeSpan,
  ReportSchema,
  buildReportDocument,
  escapeLabelValue,
  escapeMarkdown,
  escapeMermaidLabel,
  renderJobSummary,
  renderJson,
  renderMarkdown,
  renderOpenMetrics,
  type ReportInput,
} from '../../src/report/index.js';
import { DEFAULT_POLICY } from '../../src/config/policy.js';
import { gateConfigForResult, reproduceGateCommand } from '../../src/config/reproduce.js';
import { schemaProblems } from '../../src/schema/validate.js';
import { isUsageError } from '../../src/util/errors.js';
import { CASES } from '../fixtures/report/cases.js';
import { commentMarker } from '../../src/github/comment.js';
import { ensureModel } from '../../src/model/index.js';
import { writeRenamedModel } from '../helpers/hostile-model.js';
import { runMain } from '../helpers/run-main.js';
import { REPORT_ELEMENTS, githubLinkables, inspectMarkdown } from '../helpers/github-render.js';
import {
  comparison,
  gpuSummary,
  makeResult,
  profileDiff,
  profileSummary,
} from '../fixtures/report/fixtures.js';

const marked = new Marked({ gfm: true });
const toHtml = (md: string): string => marked.parse(md, { async: false });

/** Column count of every <table> in the HTML: header cells per row, all rows equal. */
function tableShapes(html: string): number[] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => {
    const rows = [...(m[1] as string).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(
      (r) => ((r[1] as string).match(/<t[hd][ >]/g) ?? []).length,
    );
    expect(new Set(rows).size, `rows with different cell counts: ${rows.join(',')}`).toBe(1);
    return rows[0] as number;
  });
}

const count = (s: string, needle: string): number => s.split(needle).length - 1;

function balancedDetails(html: string): void {
  let depth = 0;
  for (const m of html.matchAll(/<\/?details>/g)) {
    depth += m[0] === '<details>' ? 1 : -1;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(depth).toBe(0);
}

describe('Markdown snapshots', () => {
  for (const [name, input] of Object.entries(CASES)) {
    it(`${name}`, async () => {
      const md = renderMarkdown(input);
      await expect(md).toMatchFileSnapshot(`./__snapshots__/${name}.md`);
    });
  }
  it('job summary has a title header first, then the same headline', async () => {
    const md = renderJobSummary({ ...CASES.regression!, title: 'Detector perf' });
    expect(md.startsWith('# Detector perf\n\n### ❌ **Regression**: ')).toBe(true);
    await expect(md).toMatchFileSnapshot('./__snapshots__/job-summary-regression.md');
  });
});

describe('Markdown structure (marked, GFM)', () => {
  it.each(Object.keys(CASES))(
    '%s: the headline comes first, tables are real tables, <details> balanced',
    (name) => {
      const input = CASES[name] as ReportInput;
      const md = renderMarkdown(input);
      const emoji = { pass: '✅', regression: '❌', improvement: '🚀', inconclusive: '⚠️' }[
        input.comparison.verdict
      ];
      expect(md.split('\n')[0]).toMatch(new RegExp(`^### ${emoji} \\*\\*[A-Z][a-z]+\\*\\*: `));
      const html = toHtml(md);
      const shapes = tableShapes(html);
      expect(shapes[0]).toBe(7); // the metrics table
      expect(shapes.slice(1).every((n) => [3, 5, 6].includes(n))).toBe(true);
      const env = [...html.matchAll(/<table>[\s\S]*?<\/table>/g)].find((t) =>
        t[0].includes('Hardware class'),
      );
      expect(env).toBeDefined();
      balancedDetails(html);
      expect(count(html, '<details>')).toBeGreaterThanOrEqual(3);
    },
  );

  it('regression: per-module table, operator changes, mermaid chart and placement', () => {
    const md = renderMarkdown(CASES.regression!);
    const html = toHtml(md);
    expect(tableShapes(html)).toEqual([7, 5, 6, 3, 3]);
    expect(md).toContain('```mermaid\nxychart-beta\n');
    // Baseline as bars, the PR as a line: two series, never one colour for both sides.
    expect(md).toContain('    bar [1.5, 0.9, 0.6]\n    line [1.5, 1.4, 0.6]');
    expect(md).toContain('**2 node(s) fell back to the CPU**');
    expect(md).toContain('Try an FP16 model');
  });

  it('fallback provider and throttling are loud (alerts outside <details>)', () => {
    const fb = renderMarkdown(CASES['fallback-provider']!);
    const alert = fb.indexOf(
      '> [!CAUTION]\n> **Execution provider fallback in this run**: requested cuda, cpu, ran on **cpu**',
    );
    expect(alert).toBeGreaterThan(0);
    expect(alert).toBeLessThan(fb.indexOf('<details>'));
    const th = renderMarkdown(CASES.throttled!);
    expect(th).toMatch(
      /> \[!WARNING\]\n> \*\*Unreliable measurement\*\*: GPU throttled \(SwThermalSlowdown\) in 42% of samples; another process/,
    );
    expect(th).toContain('| Throttling | none | **SwThermalSlowdown 42%** |');
    expect(th).toContain('| SM clock min / mean | 1980 MHz / 2010 MHz | 900 MHz / 1300 MHz |');
  });

  it('inconclusive: environment differences are highlighted', () => {
    const md = renderMarkdown(CASES.inconclusive!);
    expect(md).toContain(
      '**Environment differs from the baseline**: gpu: NVIDIA L4 → NVIDIA A10G; onnxruntime: 1.29.0 → 1.28.0',
    );
    expect(md).toContain('| ⚠️ **onnxruntime** | 1.29.0 | **1.28.0** |');
    expect(md).toContain('Environment (2 difference(s) from the baseline)');
  });
});

describe('injection', () => {
  const HOSTILE = '</details><img src=x onerror=alert(1)>|**x**';

  function hostileInput(text = HOSTILE): ReportInput {
    const diff = profileDiff() as {
      modules: { key: string }[];
      nodesAdded: { name: string }[];
      regressions: { key: string }[];
    };
    diff.modules[1]!.key = `neck"] \n%%{init: {}}%%\nclick x call alert() ${text}`;
    diff.nodesAdded[0]!.name = text;
    diff.regressions[2]!.key = `\`\`\`\n${text}\n@team [link](javascript:alert(1)) ![i](http://x/y.png)`;
    const summary = profileSummary({ backbone: 1, neck: 2, head: 3 }) as {
      placement: { cpuFallback: { nodes: { name: string }[] } };
      warnings: string[];
    };
    summary.placement.cpuFallback.nodes[0]!.name = text;
    summary.warnings.push(`${text}\n# heading`);
    const current = makeResult({
      name: text,
      gpuName: `NVIDIA ${text}`,
      peakGpuBytes: 1,
      gpu: gpuSummary(true),
      profile: summary,
      fallbackReason: text,
      provider: 'cpu',
      requested: ['cuda'],
    });
    const baseline = makeResult({ name: text, gpuName: 'NVIDIA L4', peakGpuBytes: 1, gpu: gpuSummary() });
    return {
      comparison: comparison({
        verdict: 'regression',
        reason: `slower ${text}\n\n## injected heading`,
        unreliable: [text],
        environmentDifferences: [
          { field: text, baseline: text, current: `${text}|a|b`, breaksComparability: true },
        ],
        profileViolations: [text],
        profileDiff: diff,
      }),
      baseline,
      current,
      baselineSource: `paired: ${text}.onnx`,
      reproduceCommand:
        reproduceGateCommand(gateConfigForResult(current, DEFAULT_POLICY, `baselines/${text}`)) +
        '\n```\n</details><script>alert(1)</script>',
      title: text,
      runUrl: 'javascript:alert(1)',
    };
  }

  it('escapes every string from the model, repo and environment', () => {
    for (const jobSummary of [false, true]) {
      const input = hostileInput();
      const md = jobSummary ? renderJobSummary(input) : renderMarkdown(input);
      const html = toHtml(md);
      expect(html).not.toMatch(/<img|<script|<[^>]*onerror|href="javascript/i);
      expect(html).not.toContain('<strong>x</strong>');
      expect(html).not.toMatch(/<h[1-6][^>]*>\s*(injected|heading)/);
      expect(html).not.toContain('<a href="http://x');
      balancedDetails(html);
      expect(count(html, '<details>')).toBe(count(md, '<details>'));
      // Tables keep their shape although values contain "|".
      for (const n of tableShapes(html)) expect([3, 5, 6, 7]).toContain(n);
      // Only our own raw HTML tags appear in the Markdown (outside code blocks, which render literally).
      const outsideCode = md.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1$/gm, '');
      expect(outsideCode).not.toContain('```sh');
      const tags = new Set([...outsideCode.matchAll(/<\/?([a-z]+)/gi)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].sort()).toEqual(['details', 'sub', 'summary']);
      // The model name is shown, inert.
      expect(md).toContain('&lt;/details&gt;&lt;img src=x onerror=alert(1)&gt;&#124;&#42;&#42;x&#42;&#42;');
      // Mention is neutralised; mermaid labels are sanitised.
      expect(md).not.toMatch(/(^|[^&#\w])@team/);
      const mermaid = /```mermaid\n([\s\S]*?)```/.exec(md)?.[1] ?? '';
      expect(mermaid).not.toMatch(/%%|</);
      expect(mermaid).toMatch(/^ {4}x-axis \[("[A-Za-z0-9 .\-/+…_]+", )+"[A-Za-z0-9 .\-/+…_]+"\]$/m);
      expect(mermaid.split('\n').filter(Boolean)).toHaveLength(6);
    }
  });

  it('the reproduce command stays inside its code fence', () => {
    const md = renderMarkdown(hostileInput());
    const html = toHtml(md);
    expect(html).toContain('&lt;/details&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n</code></pre>');
    expect(md).toContain('````sh\n');
  });

  // What GitHub would link or notify, and HTML, rendered by a GFM implementation (test/helpers/github-render.ts).
  const REFS = [
    '@octocat',
    '@org/team',
    '#123',
    'owner/repo#45',
    'GH-67',
    'https://evil.example/x',
    'www.evil.example',
    'me@evil.example',
    '`tick` ``two``',
    'a|b',
    'new\nline',
    '</details>',
    '<img src=x>',
  ].join(' ');

  it('hostile names render with no mention, reference, link or live HTML (GFM renderer)', () => {
    // The detector sees every one of them in the raw text.
    expect(githubLinkables(inspectMarkdown(REFS)).map((f) => f.split(':')[0])).toEqual(
      expect.arrayContaining(['mention', 'issue reference', 'GH- reference', 'URL', 'www autolink', 'link']),
    );
    for (const jobSummary of [false, true]) {
      const input = hostileInput(REFS);
      const md = jobSummary ? renderJobSummary(input) : renderMarkdown(input);
      const rendered = inspectMarkdown(md);
      expect(githubLinkables(rendered)).toEqual([]);
      const tags = [...new Set(rendered.elements.map((e) => e.tag))];
      expect(tags.filter((t) => !REPORT_ELEMENTS.has(t))).toEqual([]);
      for (const e of rendered.elements) {
        // Only GFM's own attributes: column alignment, a code block's language.
        expect(Object.keys(e.attrs).filter((k) => k !== 'align' && k !== 'class')).toEqual([]);
      }
      balancedDetails(rendered.html);
      // The names are still shown, readable: the break is a zero-width space after "@" and "#".
      const text = rendered.texts.join(' ');
      expect(text).toContain('@\u200boctocat @\u200borg/team #\u200b123');
      expect(text).toContain('https:\u200b//evil.example/x www\u200b.evil.example');
    }
  });

  it('from a real run: hostile --name, model file name and ONNX node names; result JSON fed to merge', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perf-gate-hostile-report-'));
    try {
      const base = await ensureModel({ arch: 'yolov8n', imgsz: 64 }, '.cache/models');
      // A file name can hold everything but "/" (and NUL).
      const file = join(dir, '@octocat #123 GH-9 www.evil.example a|b `x` <img src=x> <details>.onnx');
      const nodeNames = [
        '@octocat',
        '@org/team #123',
        'https://evil.example/n',
        'www.evil.example `t` a|b </details>',
      ];
      writeRenamedModel(base.path, file, Object.fromEntries(nodeNames.map((n, i) => [i * 3, n])));
      const name = '@octocat @org/team #123 https://evil.example www.evil.example `x` a|b\n</details>';
      const common = [
        '--name',
        name,
        '--iterations',
        '10',
        '--warmup',
        '0',
        '--warmup-seconds',
        '0',
        '--quiet',
      ];
      const profile = ['--profile', '--profile-iterations', '2', '--graph-optimization', 'disabled'];
      const bench = await runMain([
        'bench',
        '--model',
        base.path,
        ...common,
        ...profile,
        '--out',
        join(dir, 'base.json'),
      ]);
      expect(bench.err).toBe('');
      const bl = join(dir, 'bl');
      expect(
        (await runMain(['baseline', 'update', '--result', join(dir, 'base.json'), '--baselines', bl])).code,
      ).toBe(0);
      const gate = await runMain([
        'gate',
        '--model',
        file,
        ...common,
        ...profile,
        '--baselines',
        bl,
        '--report',
        join(dir, 'comment.md'),
        '--report-json',
        join(dir, 'report.json'),
        '--out',
        join(dir, 'current.json'),
      ]);
      expect([0, 1, 3], gate.err).toContain(gate.code);
      const md = await readFile(join(dir, 'comment.md'), 'utf8');
      // The node changes list the hostile node names (renamed nodes: added, the originals: removed).
      expect(md).toContain('Graph changes');
      const comment = `${commentMarker(`${name}/cpu`)}\n${md}`;

      // A fork's artifact: strings inside result JSON.
      const forkResult = makeResult({
        name: '@octocat #123 www.evil.example',
        hardwareClass: 'cpu-@org/team-#5',
      });
      forkResult.environment.cpuModel = 'https://evil.example `x` </details>';
      forkResult.job = 'GH-1 @octocat';
      await writeFile(join(dir, 'fork.json'), JSON.stringify(forkResult));
      const merged = await runMain([
        'merge',
        '--results',
        join(dir, 'report.json'),
        join(dir, 'current.json'),
        join(dir, 'fork.json'),
        '--title',
        '@octocat #7 www.evil.example',
      ]);
      expect(merged.code, merged.err).toBe(0);

      for (const text of [comment, merged.out]) {
        const rendered = inspectMarkdown(text);
        expect(githubLinkables(rendered)).toEqual([]);
        expect(
          [...new Set(rendered.elements.map((e) => e.tag))].filter((t) => !REPORT_ELEMENTS.has(t)),
        ).toEqual([]);
        balancedDetails(rendered.html);
        expect(rendered.texts.join(' ')).toContain('@\u200boctocat');
      }
      expect(inspectMarkdown(comment).texts.join(' ')).toContain('@\u200borg/team #\u200b123');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a code span shows the name literally, without character references', () => {
    for (const name of ['my_model_v2', '@octocat #123 www.evil.example', 'a`b``c', '`edge`', 'x|y']) {
      const rendered = inspectMarkdown(`### for ${codeSpan(name)} here`);
      expect(rendered.codeTexts).toEqual([name]);
      expect(githubLinkables(rendered)).toEqual([]);
    }
    // In a table cell the pipe is escaped so the row keeps its cells, and still reads "x|y".
    const table = inspectMarkdown(`| a | b |\n| - | - |\n| ${codeSpan('x|y', 200, { inTable: true })} | 2 |`);
    expect(table.codeTexts).toEqual(['x|y']);
    expect(table.elements.filter((e) => e.tag === 'td')).toHaveLength(2);
    expect(codeSpan('a\nb')).toBe('`a b`');
  });

  it('the patterns GitHub links are broken in escaped text', () => {
    const cases: [string, string][] = [
      ['@octocat', '@\u200boctocat'],
      ['@org/team', '@\u200borg/team'],
      ['#123', '#\u200b123'],
      ['owner/repo#45', 'owner/repo#\u200b45'],
      ['GH-67', 'GH-\u200b67'],
      ['https://evil.example', 'https:\u200b//evil.example'],
      ['www.evil.example', 'www\u200b.evil.example'],
      ['a5c3785ed8d6', 'a5c3\u200b785ed8d6'],
      // Left alone: no link in them.
      ['email at evil', 'email at evil'],
      ['# heading', '# heading'],
      ['a'.repeat(64), 'a'.repeat(64)],
    ];
    for (const [input, expected] of cases) expect(breakReferences(input, '\u200b')).toBe(expected);
    expect(escapeMarkdown('@octocat #1')).toBe('&#64;&#8203;octocat &#35;&#8203;1');
  });

  it('helpers: md, mermaid, label values', () => {
    expect(escapeMarkdown('a|b`c<d>&[e]*_f_\nnew')).toBe(
      'a&#124;b&#96;c&lt;d&gt;&amp;&#91;e&#93;&#42;&#95;f&#95; new',
    );
    expect(escapeMarkdown('x'.repeat(300)).length).toBe(200);
    expect(escapeMermaidLabel('a"b]c;d%%{')).toBe('a_b_c_d___');
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
  });
});

describe('trimming to GitHub’s limit', () => {
  function huge(): ReportInput {
    const input = structuredClone(CASES.regression!);
    const diff = input.comparison.profileDiff as { nodesAdded: { name: string; currentUs: number }[] };
    diff.nodesAdded = Array.from({ length: 3000 }, (_, i) => ({
      name: `/model.${i}/m.0/cv1/conv/Conv_with_a_long_name_${'x'.repeat(40)}`,
      currentUs: i,
    }));
    return input;
  }

  it('drops long sections first, keeps the headline and metrics, adds a note', () => {
    const full = renderJobSummary(huge());
    expect(full.length).toBeGreaterThan(GITHUB_COMMENT_LIMIT);
    const md = renderMarkdown(huge());
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT - 536);
    expect(md.startsWith('### ❌ **Regression**: ')).toBe(true);
    expect(md).toContain('| P50 latency | 4.000 ms | 4.496 ms |');
    expect(md).toContain('Per-module time');
    expect(md).not.toContain('Graph changes');
    expect(md).toMatch(
      /> \[!NOTE\]\n> This report was trimmed to fit 65,000 characters \(left out: graph changes\)/,
    );
    balancedDetails(toHtml(md));
  });

  it('cuts a body that is still too long at a line and closes open blocks', () => {
    const input = huge();
    input.comparison.metrics = Array.from({ length: 400 }, () => input.comparison.metrics[0]!);
    const md = renderMarkdown(input, { maxLength: 20_000 });
    expect(md.length).toBeLessThanOrEqual(20_000);
    expect(md.startsWith('### ❌ **Regression**: ')).toBe(true);
    expect(md).toContain('trimmed to fit 20,000 characters');
    balancedDetails(toHtml(md));
  });
});

describe('templates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'perf-gate-tpl-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('a custom template can use the view, the partials and the md helper', async () => {
    const path = join(dir, 'mine.md.hbs');
    await writeFile(path, '{{headline}}\n\nModel: {{md input.current.model.name}}\n{{> metrics}}\n');
    const input = structuredClone(CASES.pass!);
    input.current.model.name = 'a|b*';
    const md = renderMarkdown(input, { templatePath: path });
    expect(md.startsWith('✅ **Pass**: ')).toBe(true);
    expect(md).toContain('Model: a&#124;b&#42;');
    expect(md).toContain('| Metric | Baseline |');
  });

  it('a syntax error names the template file and quotes Handlebars', async () => {
    const path = join(dir, 'broken.md.hbs');
    await writeFile(path, '# hi\n{{#if headline}}\n{{headline}\n');
    try {
      renderMarkdown(CASES.pass!, { templatePath: path });
      expect.unreachable();
    } catch (err) {
      expect(isUsageError(err)).toBe(true);
      const msg = (err as Error).message;
      expect(msg).toMatch(
        new RegExp(`^--template ".*broken\\.md\\.hbs": Handlebars syntax error: Parse error on line 3`),
      );
      expect(msg).not.toContain('\n');
    }
  });

  it('a broken partial next to the template is named; a missing template is named', async () => {
    await mkdir(join(dir, 'p', 'partials'), { recursive: true });
    await writeFile(join(dir, 'p', 'partials', 'metrics.hbs'), '{{#each}}');
    await writeFile(join(dir, 'p', 't.hbs'), '{{> metrics}}');
    expect(() => renderMarkdown(CASES.pass!, { templatePath: join(dir, 'p', 't.hbs') })).toThrow(
      /^template partial ".*partials\/metrics\.hbs": Handlebars syntax error/,
    );
    expect(() => renderMarkdown(CASES.pass!, { templatePath: join(dir, 'none.hbs') })).toThrow(
      /^--template ".*none\.hbs": cannot read: ENOENT/,
    );
  });
});

describe('JSON report', () => {
  it('is a versioned document that validates against its schema', () => {
    const doc = buildReportDocument(CASES.regression!);
    expect(schemaProblems(ReportSchema, doc)).toEqual([]);
    expect(doc).toMatchObject({
      kind: 'yolo-perf-gate/report',
      schemaVersion: 1,
      verdict: 'regression',
      headline: { p50Ms: { baseline: 4, relativeChange: 0.124 } },
      current: { modelName: 'yolov8n', provider: 'cuda', hardwareClass: 'gpu-nvidia-l4' },
      baselineSource: 'baselines/yolov8n.cuda.gpu-nvidia-l4.json',
    });
    expect(JSON.parse(renderJson(CASES.regression!))).toEqual(doc);
  });
});

describe('OpenMetrics', () => {
  it('writes TYPE/UNIT/HELP, seconds, bytes, the verdict gauge and # EOF', () => {
    const text = renderOpenMetrics(CASES.regression!);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('# EOF');
    expect(text.endsWith('# EOF\n')).toBe(true);
    expect(lines).toContain('# TYPE perf_gate_latency_seconds gauge');
    expect(lines).toContain('# UNIT perf_gate_latency_seconds seconds');
    expect(lines.some((l) => l.startsWith('# HELP perf_gate_latency_seconds '))).toBe(true);
    const labels = 'model="yolov8n",provider="cuda",hardware_class="gpu-nvidia-l4",gpu="NVIDIA L4"';
    expect(lines).toContain(`perf_gate_latency_seconds{${labels},side="baseline",quantile="0.5"} 0.00402`);
    expect(lines).toContain(`perf_gate_peak_memory_bytes{${labels},side="current"} 943718400`);
    expect(lines).toContain(`perf_gate_verdict{${labels},verdict="regression"} 1`);
    expect(lines).toContain(`perf_gate_verdict{${labels},verdict="pass"} 0`);
    expect(lines).toContain(`perf_gate_relative_change_ratio{${labels},metric="p50"} 0.124`);
    // Every sample line is NAME{labels} VALUE; every family's metadata precedes its samples.
    for (const l of lines.filter((x) => !x.startsWith('#')))
      expect(l).toMatch(/^[a-z_]+\{([a-z_]+="(?:[^"\\]|\\.)*",?)+\} -?[\d.e+-]+$/);
  });

  it('groups families across several reports and escapes label values', () => {
    const hostile = structuredClone(CASES.pass!);
    hostile.current.model.name = 'evil"\nname\\';
    const text = renderOpenMetrics([CASES.regression!, hostile]);
    expect(text).toContain('model="evil\\"\\nname\\\\"');
    const names = text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.slice(0, l.indexOf('{')));
    const order = names.filter((n, i) => n !== names[i - 1]);
    expect(new Set(order).size).toBe(order.length); // each family is contiguous
    expect(count(text, '# EOF')).toBe(1);
  });
});
