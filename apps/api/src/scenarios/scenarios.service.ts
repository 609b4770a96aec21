// Use cases on scenarios: list, show, validate (with the static MHLW need), save a new version.
import { Inject, Injectable } from '@nestjs/common';
import type { StaticNeed } from '@caretwin/contracts';
import {
  ScenarioCatalog,
  ScenarioValidationError,
  type ResolvedScenario,
  type Scenario,
  type ScenarioListing,
} from '@caretwin/scenario';
import { ForbiddenError } from '../access/access-errors';
import { OPEN_PRINCIPAL, type Principal } from '../access/principal';
import { ApiError, NotFoundError } from '../errors/api-error';
import { SavedScenariosRepository } from '../store/saved-scenarios.repository';
import type { ScenarioInput } from './scenario-input';
import { ScenarioResolver } from './scenario-resolver.service';

export interface ScenarioView extends ScenarioListing {
  /** the text as written (YAML for shipped, as saved for saved ones) */
  text?: string;
  /** the scenario resolved (extends applied, defaults filled), or why it does not resolve */
  scenario?: Scenario;
  error?: ReturnType<ScenarioValidationError['toJSON']>;
  versions?: Array<{ version: number; createdAt: string }>;
}

export interface SavedScenarioView {
  id: string;
  version: number;
  scenario: Scenario;
}

export interface ValidationView {
  valid: true;
  scenario: Scenario;
  region: { id: string; name: { ja: string; en: string } };
  staticNeed: StaticNeed;
}

@Injectable()
export class ScenariosService {
  constructor(
    @Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog,
    private readonly saved: SavedScenariosRepository,
    private readonly resolver: ScenarioResolver,
  ) {}

  list(): ScenarioListing[] {
    return this.catalog.list();
  }

  async get(ref: string): Promise<ScenarioView> {
    const entry = this.catalog.get(ref);
    if (!entry) throw new NotFoundError('scenario', ref);
    const view: ScenarioView = {
      id: entry.id,
      source: entry.source,
      version: entry.version,
      name: entry.name,
      file: entry.file,
    };
    view.text =
      entry.text ?? (entry.object !== undefined ? JSON.stringify(entry.object, null, 2) : undefined);
    try {
      view.scenario = (await this.resolver.resolve({ ref, file: undefined })).resolved.scenario;
      view.name ??= view.scenario.name;
    } catch (error) {
      if (!(error instanceof ScenarioValidationError)) throw error;
      view.error = error.toJSON();
    }
    if (entry.source === 'saved')
      view.versions = this.saved
        .versions(entry.id)
        .map((v) => ({ version: v.version, createdAt: v.createdAt }));
    return view;
  }

  /**
   * Resolves a run request's scenario on a resolver thread: `ref` names one, `scenario` is text
   * or an object, `changes` a what-if on top. Throws ScenarioValidationError (400/404/413/422).
   */
  async resolve(request: {
    ref?: string;
    scenario?: ScenarioInput;
    changes?: Record<string, unknown>;
  }): Promise<ResolvedScenario> {
    return (await this.resolver.resolve(request)).resolved;
  }

  async validate(input: ScenarioInput): Promise<ValidationView> {
    const { resolved, staticNeed } = await this.resolver.resolve({ scenario: input, staticNeed: true });
    return {
      valid: true,
      scenario: resolved.scenario,
      region: { id: resolved.region.id, name: resolved.region.name },
      staticNeed: staticNeed!,
    };
  }

  /**
   * Validates, then stores the next version; nothing is stored when the scenario is refused. A
   * planner adds versions only to ids it saved first (so nobody else can change what a saved id
   * resolves to); an admin to any.
   */
  async save(input: ScenarioInput, principal: Principal = OPEN_PRINCIPAL): Promise<SavedScenarioView> {
    // Resolved first (on a resolver thread): text that does not parse says so, not that `id` is missing.
    const resolution = await this.resolver.resolve({ scenario: input, writtenId: true });
    const { resolved } = resolution;
    const explicitId = resolution.writtenId;
    if (explicitId === undefined)
      throw new ApiError(422, 'SCENARIO_INVALID', 'a saved scenario needs an `id`', [
        { file: '<request>', path: 'id', line: null, column: null, message: 'required to save' },
      ]);
    const shipped = this.catalog.get(explicitId);
    if (shipped?.source === 'shipped')
      throw new ApiError(
        422,
        'SCENARIO_INVALID',
        `"${explicitId}" is a shipped scenario; save under another id (and \`extends: ${explicitId}\`)`,
        [{ file: '<request>', path: 'id', line: null, column: null, message: 'names a shipped scenario' }],
      );
    const owner = this.saved.ownerOf(explicitId);
    if (owner !== undefined && owner !== principal.id && principal.role !== 'admin')
      throw new ForbiddenError(
        `saved scenario "${explicitId}" belongs to another token; save under a new id (and \`extends: ${explicitId}\`)`,
      );
    const document = typeof input === 'string' ? input : JSON.stringify(input, null, 2);
    const version = this.saved.save(explicitId, document, new Date().toISOString(), principal.id);
    return { id: explicitId, version, scenario: resolved.scenario };
  }
}
