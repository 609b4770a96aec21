// Where saved scenarios come from. The api plugs its store in; tests use the in-memory one.
// Versions start at 1 and grow by one per save; `extends: my-plan@3` pins one.

export type SavedScenario = { version: number; text: string } | { version: number; object: unknown };

export interface SavedScenarioInfo {
  id: string;
  /** Latest version. */
  version: number;
}

export interface ScenarioSource {
  /** The given version, or the latest when `version` is omitted; undefined when unknown. */
  get(id: string, version?: number): SavedScenario | undefined;
  list(): SavedScenarioInfo[];
}

/** A ScenarioSource held in memory (tests, the CLI's --saved option, embedding). */
export class InMemoryScenarioSource implements ScenarioSource {
  private readonly versions = new Map<string, SavedScenario[]>();

  /** Stores a new version (text or already-parsed object) and returns its number. */
  save(id: string, content: string | Record<string, unknown>): number {
    const list = this.versions.get(id) ?? [];
    const version = list.length + 1;
    list.push(typeof content === 'string' ? { version, text: content } : { version, object: content });
    this.versions.set(id, list);
    return version;
  }

  get(id: string, version?: number): SavedScenario | undefined {
    const list = this.versions.get(id);
    if (!list || list.length === 0) return undefined;
    return version === undefined ? list[list.length - 1] : list.find((s) => s.version === version);
  }

  list(): SavedScenarioInfo[] {
    return [...this.versions.entries()]
      .map(([id, list]) => ({ id, version: list.length }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }
}
