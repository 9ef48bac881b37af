// Rebuilds dist/ into a temp folder and compares it with the checked-in dist/, so the Action
// (which runs dist/ directly) can never drift from src/. Exit 1 and list the files that differ.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const outDir = mkdtempSync(join(tmpdir(), 'perf-gate-dist-'));
try {
  execFileSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir],
    {
      stdio: 'inherit',
    },
  );
  const list = (dir) =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? list(path) : [path];
    });
  const fresh = new Set(list(outDir).map((p) => relative(outDir, p)));
  const committed = new Set(list('dist').map((p) => relative('dist', p)));
  const differing = [...new Set([...fresh, ...committed])].filter(
    (file) =>
      !fresh.has(file) ||
      !committed.has(file) ||
      !readFileSync(join(outDir, file)).equals(readFileSync(join('dist', file))),
  );
  if (differing.length > 0) {
    console.error(
      `dist/ does not match src/ (run "npm run build" and commit): ${differing.sort().join(', ')}`,
    );
    process.exit(1);
  }
  console.log(`dist/ matches src/ (${fresh.size} files)`);
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
