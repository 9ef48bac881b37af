export { breakReferences, codeBlock, codeSpan, escapeMarkdown, escapeMermaidLabel, safeLink, } from './escape.js';
export { DEFAULT_COMMENT_MAX, DEFAULT_JOB_SUMMARY_MAX, GITHUB_COMMENT_LIMIT, renderJobSummary, renderMarkdown, } from './markdown.js';
export { buildReportDocument, renderJson } from './json.js';
export { escapeLabelValue, renderOpenMetrics } from './openmetrics.js';
export { REPORT_KIND, REPORT_SCHEMA_VERSION, ReportSchema } from './schema.js';
export { renderNoBaselineMarkdown } from './no-baseline.js';
export { DEFAULT_TEMPLATE_DIR, DEFAULT_TEMPLATE_PATH, createHandlebars, loadTemplate } from './templates.js';
export { TRIMMABLE_SECTIONS, VERDICT_EMOJI, buildView } from './view.js';
