import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
/**
 * The command that runs one of our modules as its own Node.js process: the compiled `.js` as is
 * (dist/, what users run), the TypeScript source through tsx when we run from src/ (tests,
 * scripts). `from` is the caller's `import.meta.url`; `relative` names the module without extension.
 */
export function nodeScriptCommand(from, relative) {
    const fromSources = from.endsWith('.ts');
    const script = fileURLToPath(new URL(`${relative}${fromSources ? '.ts' : '.js'}`, from));
    if (!fromSources)
        return { execPath: process.execPath, args: [script] };
    const tsx = pathToFileURL(createRequire(from).resolve('tsx')).href;
    return { execPath: process.execPath, args: ['--import', tsx, script] };
}
