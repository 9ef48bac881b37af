/**
 * Markdown PR comment and job summary. Rendering is pure given the template; bodies over the length
 * limit are trimmed (never rejected): the long, collapsible sections are dropped first, in the order
 * of TRIMMABLE_SECTIONS; the headline and the metrics table always stay.
 */
import { loadTemplate } from './templates.js';
import { TRIMMABLE_SECTIONS, buildView } from './view.js';
/** GitHub's maximum comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Default comment budget: GitHub's limit less room for the sticky-comment marker src/github adds. */
export const DEFAULT_COMMENT_MAX = GITHUB_COMMENT_LIMIT - 536;
/** GitHub's job summary limit is 1 MiB per step; stay well inside it (characters, not bytes). */
export const DEFAULT_JOB_SUMMARY_MAX = 500_000;
const SECTION_NAMES = {
    nodeChanges: 'graph changes',
    opChanges: 'operator changes',
    placement: 'placement and suggestions',
    environment: 'environment',
    gpu: 'GPU health',
    profile: 'per-module profile',
    metricDetails: 'metric details',
    reproduce: 'reproduce command',
};
function trimNote(dropped, limit) {
    const what = dropped.length > 0 ? `left out: ${dropped.join(', ')}` : 'cut short';
    return `\n\n> [!NOTE]\n> This report was trimmed to fit ${limit.toLocaleString('en-US')} characters (${what}). The job summary and the JSON report have everything.\n`;
}
/** Cuts at a line boundary, closes an open code fence and any open `<details>`. */
function hardCut(body, budget) {
    let cut = body.slice(0, Math.max(0, budget));
    const nl = cut.lastIndexOf('\n');
    if (nl > 0)
        cut = cut.slice(0, nl);
    const fences = cut.match(/^`{3,}/gm) ?? [];
    if (fences.length % 2 === 1)
        cut += `\n${fences[fences.length - 1]}`;
    const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
    for (let i = 0; i < open; i++)
        cut += '\n\n</details>';
    return cut;
}
const tidy = (s) => `${s
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
function renderFitted(input, template, jobSummary, maxLength) {
    const show = {};
    const render = () => tidy(template.render({ ...buildView(input, { jobSummary, show }), input }));
    let body = render();
    if (body.length <= maxLength)
        return body;
    const dropped = [];
    for (const section of TRIMMABLE_SECTIONS) {
        show[section] = false;
        dropped.push(SECTION_NAMES[section]);
        body = render();
        if (body.length + trimNote(dropped, maxLength).length <= maxLength)
            return `${body.trimEnd()}${trimNote(dropped, maxLength)}`;
    }
    const note = trimNote(dropped, maxLength);
    return `${hardCut(body, maxLength - note.length - 64).trimEnd()}${note}`;
}
/** The PR comment body. */
export function renderMarkdown(input, options = {}) {
    return renderFitted(input, loadTemplate(options.templatePath), false, options.maxLength ?? DEFAULT_COMMENT_MAX);
}
/** The job summary: the same report with a title header first, and a larger budget. */
export function renderJobSummary(input, options = {}) {
    return renderFitted(input, loadTemplate(options.templatePath), true, options.maxLength ?? DEFAULT_JOB_SUMMARY_MAX);
}
