// The scenarios a user can name: shipped ones (scenarios/<id>.yaml, file name = id) and saved
// ones from a pluggable source (the api's store). Resolves ids, text or objects into
// ResolvedScenario, loading (and caching) the regions of scenarios/data/<region>/.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { listKnown, unknownName } from '../errors/did-you-mean';
import { ScenarioValidationError, type ValidationIssue } from '../errors/scenario-validation-error';
import { isPlainObject } from '../parse/located';
import { SCENARIO_LIMITS } from '../parse/limits';
import { tooLargeError } from '../parse/safe-yaml';
import { displayName, loadRegion } from '../region/load-region';
import { EXTENDS_PATTERN } from '../schema/scenario';
import type { LocalizedText, Region, ResolvedScenario } from '../types';
import {
  fallbackId,
  readScenarioObject,
  readScenarioText,
  type ScenarioInputOptions,
} from './parse-scenario';
import { resolveEntry, type LoadedEntry, type ResolutionContext, type ResolveLimits } from './resolve';
import type { ScenarioSource } from './source';

export interface ScenarioCatalogOptions {
  /** Directory of shipped scenarios (`scenarios/`). */
  shippedDir: string;
  /** Directory of regions (`scenarios/data/`), one subdirectory per region. */
  regionsDir: string;
  /** Saved scenarios (the api's store). */
  saved?: ScenarioSource;
  /** File names in issues are shown relative to this (default: the parent of shippedDir). */
  displayRoot?: string;
}

export interface ScenarioListing {
  id: string;
  source: 'shipped' | 'saved';
  /** Latest version (saved scenarios only). */
  version?: number;
  name?: LocalizedText;
  /** Where it is read from (shown in issues). */
  file: string;
}

export interface ScenarioEntry extends ScenarioListing {
  text?: string;
  object?: unknown;
}

const SHIPPED_FILE = /^([A-Za-z0-9][A-Za-z0-9_.-]*)\.ya?ml$/;

export class ScenarioCatalog {
  private readonly regions = new Map<
    string,
    { region: Region } | { issues: ValidationIssue[]; unknown: boolean }
  >();
  private readonly displayRoot: string;

  constructor(private readonly options: ScenarioCatalogOptions) {
    this.displayRoot = options.displayRoot ?? dirname(options.shippedDir);
  }

  private shippedFiles(): Map<string, string> {
    const files = new Map<string, string>();
    if (!existsSync(this.options.shippedDir)) return files;
    for (const name of readdirSync(this.options.shippedDir).sort()) {
      const match = SHIPPED_FILE.exec(name);
      const path = join(this.options.shippedDir, name);
      if (match && !files.has(match[1]) && statSync(path).isFile()) files.set(match[1], path);
    }
    return files;
  }

  /** Shipped scenarios first (by id), then saved ones. */
  list(): ScenarioListing[] {
    const out: ScenarioListing[] = [];
    for (const id of this.shippedFiles().keys()) {
      const entry = this.get(id);
      if (entry) out.push({ id, source: 'shipped', file: entry.file, name: this.nameOf(entry) });
    }
    for (const info of this.options.saved?.list() ?? []) {
      if (out.some((s) => s.id === info.id)) continue;
      const entry = this.get(`${info.id}@${info.version}`);
      if (entry)
        out.push({
          id: info.id,
          source: 'saved',
          version: info.version,
          file: entry.file,
          name: this.nameOf(entry),
        });
    }
    return out;
  }

  /** Names of saved versions, which never change: listing does not parse every saved text again. */
  private readonly savedNames = new Map<string, LocalizedText | undefined>();

  private nameOf(entry: ScenarioEntry): LocalizedText | undefined {
    if (entry.source !== 'saved') return this.readName(entry);
    if (this.savedNames.has(entry.file)) return this.savedNames.get(entry.file);
    const name = this.readName(entry);
    if (this.savedNames.size >= 10_000) this.savedNames.clear();
    this.savedNames.set(entry.file, name);
    return name;
  }

  private readName(entry: ScenarioEntry): LocalizedText | undefined {
    try {
      const value =
        entry.text !== undefined ? readScenarioText(entry.text, entry.file).doc.value : entry.object;
      const name = isPlainObject(value) ? value.name : undefined;
      return isPlainObject(name) && typeof name.ja === 'string' && typeof name.en === 'string'
        ? { ja: name.ja, en: name.en }
        : undefined;
    } catch {
      return undefined; // an unreadable scenario is still listed; resolving it reports why
    }
  }

  /** `id` or `id@version`. Shipped scenarios win over saved ones of the same id; versions are for saved ones. */
  get(ref: string): ScenarioEntry | undefined {
    const match = EXTENDS_PATTERN.exec(ref);
    if (!match) return undefined;
    const [, id, version] = match;
    if (version === undefined) {
      const path = this.shippedFiles().get(id);
      if (path !== undefined) {
        const file = displayName(path, this.displayRoot);
        const size = statSync(path).size;
        if (size > SCENARIO_LIMITS.maxBytes) throw tooLargeError(file, size, SCENARIO_LIMITS.maxBytes);
        return { id, source: 'shipped', file, text: readFileSync(path, 'utf8') };
      }
    }
    const saved = this.options.saved?.get(id, version === undefined ? undefined : Number(version));
    if (!saved) return undefined;
    const base = {
      id,
      source: 'saved' as const,
      version: saved.version,
      file: `saved:${id}@${saved.version}`,
    };
    return 'text' in saved ? { ...base, text: saved.text } : { ...base, object: saved.object };
  }

  /** Ids of the regions (subdirectories of regionsDir). */
  listRegions(): string[] {
    if (!existsSync(this.options.regionsDir)) return [];
    return readdirSync(this.options.regionsDir)
      .filter((name) => statSync(join(this.options.regionsDir, name)).isDirectory())
      .sort();
  }

  /** Loads (once) and returns a region; throws ScenarioValidationError when missing or invalid. */
  region(id: string): Region {
    const loaded = this.loadRegion(id);
    if ('region' in loaded) return loaded.region;
    const message = loaded.unknown
      ? `unknown region "${id}"; known regions: ${listKnown(this.listRegions())}`
      : `region data ${id} is invalid`;
    throw new ScenarioValidationError(
      loaded.unknown ? 'REGION_NOT_FOUND' : 'REGION_INVALID',
      message,
      loaded.issues,
    );
  }

  private loadRegion(id: string): { region: Region } | { issues: ValidationIssue[]; unknown: boolean } {
    const cached = this.regions.get(id);
    if (cached) return cached;
    let result: { region: Region } | { issues: ValidationIssue[]; unknown: boolean };
    if (!this.listRegions().includes(id)) result = { issues: [], unknown: true };
    else {
      try {
        result = { region: loadRegion(join(this.options.regionsDir, id), { displayRoot: this.displayRoot }) };
      } catch (error) {
        if (!(error instanceof ScenarioValidationError)) throw error;
        result = { issues: error.issues, unknown: false };
      }
    }
    this.regions.set(id, result);
    return result;
  }

  /** Forgets cached regions (after their files changed). */
  clearCache(): void {
    this.regions.clear();
  }

  private entryToLoaded(entry: ScenarioEntry): LoadedEntry {
    const parsed =
      entry.text !== undefined
        ? readScenarioText(entry.text, entry.file)
        : readScenarioObject(entry.object, entry.file);
    const key = entry.source === 'shipped' ? `shipped:${entry.id}` : `saved:${entry.id}@${entry.version}`;
    const label = entry.source === 'shipped' ? entry.id : `${entry.id}@${entry.version}`;
    return { key, label, parsed, expectedId: entry.source === 'shipped' ? entry.id : undefined };
  }

  private context(): ResolutionContext {
    return {
      load: (id, version) => {
        const entry = this.get(version === undefined ? id : `${id}@${version}`);
        if (!entry) return undefined;
        try {
          return this.entryToLoaded(entry);
        } catch (error) {
          if (!(error instanceof ScenarioValidationError)) throw error;
          return error.issues;
        }
      },
      // Ids only: listing would parse every saved scenario for its name.
      knownScenarioIds: () => [
        ...new Set([...this.shippedFiles().keys(), ...(this.options.saved?.list() ?? []).map((s) => s.id)]),
      ],
      region: (id) => this.loadRegion(id),
      knownRegionIds: () => this.listRegions(),
    };
  }

  /**
   * Resolves a scenario: a string that is an id (`miyagi-surge`, `my-plan@3`) names a shipped
   * or saved one; any other string is scenario text (YAML or JSON); an object is a parsed
   * scenario. Throws ScenarioValidationError listing every issue.
   */
  resolve(
    input: string | Record<string, unknown>,
    options: ScenarioInputOptions & ResolveLimits = {},
  ): ResolvedScenario {
    if (typeof input === 'string' && EXTENDS_PATTERN.test(input)) {
      const entry = this.get(input);
      if (!entry) {
        const message = unknownName('scenario', 'scenarios', input, this.context().knownScenarioIds());
        throw new ScenarioValidationError('SCENARIO_NOT_FOUND', `scenario "${input}" not found`, [
          { file: options.file ?? '<input>', path: '', line: null, column: null, message },
        ]);
      }
      return resolveEntry(this.entryToLoaded(entry), entry.id, this.context(), options);
    }
    const file = options.file ?? '<input>';
    const parsed =
      typeof input === 'string' ? readScenarioText(input, file) : readScenarioObject(input, file);
    const id = fallbackId({ ...options, file });
    return resolveEntry({ key: `input:${id}`, label: id, parsed }, id, this.context(), options);
  }
}
