import { readFileSync } from 'node:fs';
/** The tool's name and version, read once from package.json (works from src/ and dist/). */
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
export const TOOL_NAME = pkg.name;
export const TOOL_VERSION = pkg.version;
