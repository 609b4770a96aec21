// Worker-thread entry of ScenarioResolverPool: parses, merges, validates and evaluates a
// scenario (the demand expression once per simulated hour) off the api's event loop. The thread
// keeps its catalog, so regions and mathjs load once per thread. Saved scenarios come from the
// task (see resolver/protocol.ts): one the task lacks is answered `need`.
import { workerData } from 'node:worker_threads';
import { staticNeed } from '@caretwin/model';
import {
  parseText,
  ScenarioCatalog,
  ScenarioValidationError,
  type ResolvedScenario,
  type SavedScenario,
  type SavedScenarioInfo,
  type ScenarioSource,
} from '@caretwin/scenario';
import { applyChanges } from './resolver/overrides';
import { savedKey, type ResolveOutcome, type ResolveRequest, type ResolveTask } from './resolver/protocol';

/** Thrown through the catalog when the task lacks a saved scenario; never leaves the thread. */
class NeedSaved extends Error {}

class TaskSource implements ScenarioSource {
  saved = new Map<string, SavedScenario | null>();
  savedList: SavedScenarioInfo[] | null = null;
  used = new Set<string>();
  listUsed = false;
  missing = new Set<string>();
  listMissing = false;

  reset(task: ResolveTask): void {
    this.saved = new Map(task.saved);
    this.savedList = task.savedList;
    this.used.clear();
    this.missing.clear();
    this.listUsed = false;
    this.listMissing = false;
  }

  get(id: string, version?: number): SavedScenario | undefined {
    const key = savedKey(id, version);
    this.used.add(key);
    const found = this.saved.get(key);
    if (found === undefined) {
      this.missing.add(key);
      throw new NeedSaved(key);
    }
    return found ?? undefined;
  }

  list(): SavedScenarioInfo[] {
    this.listUsed = true;
    if (this.savedList === null) {
      this.listMissing = true;
      throw new NeedSaved('list');
    }
    return this.savedList;
  }
}

const source = new TaskSource();
let catalog: { dirs: string; catalog: ScenarioCatalog } | undefined;

function catalogFor(task: ResolveTask): ScenarioCatalog {
  const dirs = `${task.shippedDir}\n${task.regionsDir}`;
  if (catalog?.dirs !== dirs)
    catalog = {
      dirs,
      catalog: new ScenarioCatalog({
        shippedDir: task.shippedDir,
        regionsDir: task.regionsDir,
        saved: source,
      }),
    };
  return catalog.catalog;
}

/**
 * Loads mathjs and the default region while the thread starts (piscina gives a thread tasks
 * once its entry has loaded): a thread started after a timeout is ready as soon as it takes one.
 */
function warmUp(): void {
  const dirs = workerData as { shippedDir?: string; regionsDir?: string } | undefined;
  if (!dirs?.shippedDir || !dirs.regionsDir) return;
  const task: ResolveTask = {
    request: { scenario: {}, file: '<warm-up>' },
    shippedDir: dirs.shippedDir,
    regionsDir: dirs.regionsDir,
    expressionBudget: Infinity,
    saved: [],
    savedList: [],
    knownRegions: [],
  };
  try {
    source.reset(task);
    resolveRequest(catalogFor(task), task.request, Infinity);
  } catch {
    // a broken default region is reported by the first request that needs it
  }
}

function resolveRequest(catalog: ScenarioCatalog, request: ResolveRequest, budget: number): ResolvedScenario {
  const options = { file: request.file, expressionBudget: budget };
  const changes = request.changes && Object.keys(request.changes).length > 0 ? request.changes : undefined;
  if (request.ref !== undefined) {
    if (!changes) return catalog.resolve(request.ref, options);
    // The named scenario becomes the baseline of a what-if that keeps its id and name.
    const base = catalog.resolve(request.ref, options).scenario;
    return catalog.resolve(
      { id: base.id, name: base.name, description: base.description, ...changes, extends: request.ref },
      options,
    );
  }
  const scenario = request.scenario ?? {};
  if (!changes) return catalog.resolve(scenario, options);
  const document = typeof scenario === 'string' ? documentOfText(catalog, scenario, options) : scenario;
  return catalog.resolve(applyChanges(document, changes), options);
}

/** YAML/JSON scenario text as a mapping; text that does not parse is refused with its positions. */
function documentOfText(
  catalog: ScenarioCatalog,
  text: string,
  options: { file?: string; expressionBudget: number },
): Record<string, unknown> {
  const parsed = parseText(text, { file: options.file ?? '<request>' });
  const value = parsed.doc.value;
  if (parsed.issues.length === 0 && typeof value === 'object' && value !== null && !Array.isArray(value))
    return value as Record<string, unknown>;
  catalog.resolve(text, options); // throws the scenario library's own error for this text
  throw new ScenarioValidationError('SCENARIO_INVALID', 'scenario text is not a mapping', [
    {
      file: options.file ?? '<request>',
      path: '',
      line: null,
      column: null,
      message: 'expected a scenario mapping',
    },
  ]);
}

function writtenIdOf(request: ResolveRequest): string | undefined {
  const input = request.scenario;
  if (input === undefined) return undefined;
  if (typeof input !== 'string') return typeof input.id === 'string' ? input.id : undefined;
  const value = parseText(input, { file: request.file ?? '<request>' }).doc.value as { id?: unknown } | null;
  return value && typeof value.id === 'string' ? value.id : undefined;
}

export default function resolveTask(task: ResolveTask): ResolveOutcome {
  source.reset(task);
  const usage = () => ({ keys: [...source.used], list: source.listUsed });
  try {
    const resolved = resolveRequest(catalogFor(task), task.request, task.expressionBudget);
    return {
      kind: 'resolved',
      scenario: resolved.scenario,
      regionId: resolved.region.id,
      region: task.knownRegions.includes(resolved.region.id) ? undefined : resolved.region,
      byHour: resolved.demandMultiplierByHour,
      staticNeed: task.request.staticNeed ? staticNeed(resolved) : undefined,
      writtenId: task.request.writtenId ? writtenIdOf(task.request) : undefined,
      usage: usage(),
    };
  } catch (error) {
    if (error instanceof NeedSaved)
      return { kind: 'need', keys: [...source.missing], list: source.listMissing };
    if (error instanceof ScenarioValidationError)
      return {
        kind: 'refused',
        code: error.code,
        message: error.message,
        issues: error.issues,
        usage: usage(),
      };
    throw error;
  }
}

warmUp();
