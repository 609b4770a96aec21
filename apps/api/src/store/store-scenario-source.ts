// The store as the scenario library's source of saved scenarios (ScenarioSource).
import { Injectable } from '@nestjs/common';
import type { SavedScenario, SavedScenarioInfo, ScenarioSource } from '@caretwin/scenario';
import { SavedScenariosRepository } from './saved-scenarios.repository';

@Injectable()
export class StoreScenarioSource implements ScenarioSource {
  constructor(private readonly saved: SavedScenariosRepository) {}

  get(id: string, version?: number): SavedScenario | undefined {
    const row = this.saved.get(id, version);
    return row ? { version: row.version, text: row.document } : undefined;
  }

  list(): SavedScenarioInfo[] {
    return this.saved.latest().map((row) => ({ id: row.id, version: row.version }));
  }
}
