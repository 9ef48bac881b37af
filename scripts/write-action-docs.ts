/**
 * Writes the input and output tables of docs/action.md from action.yml, so the descriptions and
 * defaults have one owner. test/action/action-yml.test.ts fails when the docs are stale.
 *
 *   npx tsx scripts/write-action-docs.ts [--check]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

interface ActionDoc {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The two Markdown tables for `action`, as they appear between the markers. */
export function actionTables(action: ActionDoc): { inputs: string; outputs: string } {
  const inputs = [
    '| input | default | description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, i]) => `| \`${name}\` | ${i.default ? `\`${i.default}\`` : ''} | ${cell(i.description)} |`,
    ),
  ].join('\n');
  const outputs = [
    '| output | description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
  ].join('\n');
  return { inputs, outputs };
}

/** `doc` with the text between `<!-- NAME:start -->` and `<!-- NAME:end -->` replaced. */
export function replaceBetween(doc: string, name: string, body: string): string {
  const start = `<!-- ${name}:start (generated from action.yml by scripts/write-action-docs.ts) -->`;
  const end = `<!-- ${name}:end -->`;
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error(`docs/action.md: markers for "${name}" not found`);
  // prettier would pad the cells; the generated tables stay as generated.
  return `${doc.slice(0, a + start.length)}\n<!-- prettier-ignore-start -->\n${body}\n<!-- prettier-ignore-end -->\n${doc.slice(b)}`;
}

/** docs/action.md with fresh tables. */
export function renderActionDoc(doc: string, actionYml: string): string {
  const tables = actionTables(parse(actionYml) as ActionDoc);
  return replaceBetween(replaceBetween(doc, 'inputs', tables.inputs), 'outputs', tables.outputs);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const docPath = 'docs/action.md';
  const doc = readFileSync(docPath, 'utf8');
  const fresh = renderActionDoc(doc, readFileSync('action.yml', 'utf8'));
  if (process.argv.includes('--check')) {
    if (fresh !== doc) {
      console.error('docs/action.md is stale: run npx tsx scripts/write-action-docs.ts');
      process.exit(1);
    }
  } else writeFileSync(docPath, fresh);
}
