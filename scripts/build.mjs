// Compiles every workspace's src/ to dist/ with swc (one file in, one file out: no bundle,
// so worker-thread entry files stay separate). Type checking is `npm run typecheck`.
import { transformFileSync } from '@swc/core';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { workspaces } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const swcrc = JSON.parse(readFileSync(join(root, '.swcrc'), 'utf8'));
delete swcrc.$schema;

let files = 0;
const bundled = [];
for (const ws of workspaces) {
  const src = join(root, ws, 'src');
  if (!existsSync(src)) continue;
  // A workspace with its own `build` script bundles for the browser (apps/dashboard: Vite).
  const { scripts } = JSON.parse(readFileSync(join(root, ws, 'package.json'), 'utf8'));
  if (scripts?.build) {
    bundled.push(ws);
    continue;
  }
  const dist = join(root, ws, 'dist');
  rmSync(dist, { recursive: true, force: true });
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath ?? entry.path, entry.name);
    const rel = relative(src, file);
    if (!rel.endsWith('.ts') || rel.endsWith('.spec.ts') || rel.endsWith('.d.ts')) continue;
    const out = join(dist, rel.replace(/\.ts$/, '.js'));
    const { code, map } = transformFileSync(file, {
      ...swcrc,
      swcrc: false,
      sourceFileName: relative(dirname(out), file),
    });
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code + `\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
    if (map) writeFileSync(out + '.map', map);
    files++;
  }
}
console.log(`build: ${files} files compiled to dist/`);
for (const ws of bundled) {
  execFileSync('npm', ['run', 'build', '--silent', '-w', ws], { cwd: root, stdio: 'inherit' });
  console.log(`build: ${ws} bundled to ${ws}/dist/`);
}
