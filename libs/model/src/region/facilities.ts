// What the levers change while a replication runs: which hospitals are open, their
// capabilities and bed pools, ambulance counts, and the rule parameters (stays, eligibility,
// travel, borrowing). Everything else about the region is fixed in RegionIndex.
import { BedPool } from '@caretwin/engine';
import type { EligibilityParameters } from '@caretwin/scenario';
import { FUNCTIONS, RegionIndex } from './region-index';

export class Facilities {
  readonly open: Uint8Array;
  readonly capabilities: Int32Array;
  /** one pool per hospital × function, [h × 4 + f] */
  readonly pools: BedPool[];
  /** vehicles per ambulance base */
  readonly vehicles: Int32Array;

  constructor(index: RegionIndex) {
    this.open = Uint8Array.from(index.hospitalInRegion);
    this.capabilities = Int32Array.from(index.hospitalCapabilities);
    this.pools = [];
    for (let h = 0; h < index.hospitalCount; h++) {
      for (let f = 0; f < FUNCTIONS; f++) {
        const beds = index.hospitalInRegion[h]
          ? Math.max(0, Math.round(index.hospitalBeds[h * FUNCTIONS + f]))
          : 0;
        this.pools.push(new BedPool(beds));
      }
    }
    this.vehicles = Int32Array.from(index.baseVehicles);
  }

  capacity(pool: number): number {
    return this.pools[pool].capacity;
  }

  /** A hospital offers function f when it is open and has beds of it. */
  offers(h: number, f: number): boolean {
    return this.open[h] === 1 && this.pools[h * FUNCTIONS + f].capacity > 0;
  }
}

/** Rule parameters that policies change. */
export class Levers {
  /** multiplier on mean stay, [condition × 4 + function] */
  readonly losMultiplier: Float64Array;
  eligibility: EligibilityParameters;
  speedFactor = 1;
  /** closed links between areas, symmetric [a × A + b] */
  readonly closedLinks: Uint8Array;
  borrowing = false;

  constructor(index: RegionIndex) {
    this.losMultiplier = new Float64Array(index.pathways.conditionCount * FUNCTIONS).fill(1);
    this.eligibility = { ...index.region.eligibility };
    this.closedLinks = new Uint8Array(index.areaCount * index.areaCount);
  }
}
