// What is running: the application, the model and the data versions (the same figures a result
// document's provenance records), and the git commit when it is known.
import { Inject, Injectable } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT, type AppConfig } from '@caretwin/config';
import { dataVersion, modelVersion, softwareVersion } from '@caretwin/runner';
import { ScenarioCatalog } from '@caretwin/scenario';
import { APP_CONFIG } from '../config/config.tokens';

export interface VersionInfo {
  app: { name: string; version: string };
  model: { name: string; version: string };
  /** per shipped region: sha256 of its resolved data (null when the region does not load) */
  data: Array<{ region: string; version: string | null }>;
  git: { commit: string | null };
  node: string;
}

/** HEAD of the checkout the api runs from, without running git (a deployment may have no git). */
export function readGitCommit(root: string): string | null {
  try {
    const gitDir = join(root, '.git');
    if (!existsSync(gitDir)) return null;
    const head = readFileSync(join(gitDir, 'HEAD'), 'utf8').trim();
    if (/^[0-9a-f]{40}$/.test(head)) return head;
    const ref = /^ref: (.+)$/.exec(head)?.[1];
    if (!ref) return null;
    const loose = join(gitDir, ref);
    if (existsSync(loose)) return readFileSync(loose, 'utf8').trim();
    const packed = readFileSync(join(gitDir, 'packed-refs'), 'utf8');
    return (
      packed
        .split('\n')
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(' ')[0] ?? null
    );
  } catch {
    return null;
  }
}

@Injectable()
export class VersionService {
  private info: VersionInfo | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog,
  ) {}

  /** Computed once (hashing the regions takes a moment); the process does not change underneath. */
  version(): VersionInfo {
    this.info ??= {
      app: { name: 'caretwin', version: softwareVersion() },
      model: modelVersion(),
      data: this.catalog.listRegions().map((region) => {
        try {
          return { region, version: dataVersion(this.catalog.region(region)) };
        } catch {
          return { region, version: null };
        }
      }),
      git: { commit: this.config.build.gitCommit || readGitCommit(REPOSITORY_ROOT) },
      node: process.version,
    };
    return this.info;
  }
}
