// The service tests run the BUILT apps. Builds once when any workspace's src/ is newer than the
// last build this harness made; a lock keeps two suites from building at the same time.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..');
const STAMP = join(ROOT, 'node_modules', '.cache', 'caretwin-service-tests', 'build.stamp');
const LOCK = `${STAMP}.lock`;

function newestSource(): number {
  const { workspaces } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    workspaces: string[];
  };
  let newest = 0;
  for (const ws of workspaces) {
    const src = join(ROOT, ws, 'src');
    if (!existsSync(src)) continue;
    for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
    if (!existsSync(join(ROOT, ws, 'dist'))) return Number.POSITIVE_INFINITY;
  }
  return newest;
}

const fresh = (): boolean => existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestSource();

export async function ensureBuilt(): Promise<void> {
  mkdirSync(join(STAMP, '..'), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (fresh()) return;
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`build lock ${LOCK} held for 2 minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (fresh()) return;
    const started = Date.now();
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, stdio: 'ignore' });
    writeFileSync(STAMP, String(started));
  } finally {
    rmdirSync(LOCK);
  }
}
