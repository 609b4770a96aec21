// The resolved region (areas, municipalities with centroids, hospitals, ambulance bases) with
// a summary of which of its inputs are synthetic or estimated, for maps and footnotes.
import { Inject, Injectable } from '@nestjs/common';
import { inputLabels, type InputLabel } from '@caretwin/runner';
import { ScenarioCatalog, type Region } from '@caretwin/scenario';

/** A region in GET /api/regions; `name` is null when its data does not load (GET /api/regions/:id says why). */
export interface RegionListing {
  id: string;
  name: Region['name'] | null;
}

export interface RegionView extends Region {
  inputs: InputLabel[];
}

@Injectable()
export class RegionsService {
  constructor(@Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog) {}

  list(): RegionListing[] {
    return this.catalog.listRegions().map((id) => {
      try {
        return { id, name: this.catalog.region(id).name };
      } catch {
        return { id, name: null }; // listed; GET /api/regions/:id says what is wrong with it
      }
    });
  }

  /** Throws ScenarioValidationError: REGION_NOT_FOUND (404) for an unknown id. */
  get(id: string): RegionView {
    const region = this.catalog.region(id);
    return { ...region, inputs: inputLabels(region) };
  }
}
