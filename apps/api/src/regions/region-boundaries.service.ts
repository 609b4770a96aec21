// Municipal boundaries of a region (scenarios/data/<region>/municipalities.geojson, e.g. MLIT
// 国土数値情報 行政区域 N03): read once per region, each feature given the region's municipality
// id, its area (二次医療圏) and names from the region's municipalities file, coordinates rounded
// to 5 decimals (about 1 m: the polygons are simplified far coarser), and kept serialised with
// its ETag so every later request is a lookup.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@caretwin/config';
import type { BoundaryFeature, BoundaryGeometry, RegionBoundaries } from '@caretwin/contracts';
import { ScenarioCatalog, type Region } from '@caretwin/scenario';
import { APP_CONFIG } from '../config/config.tokens';
import { ApiError } from '../errors/api-error';

export const BOUNDARIES_FILE = 'municipalities.geojson';

/** The answer, serialised once: the body and its strong ETag. */
export interface BoundariesBody {
  json: string;
  etag: string;
}

export class BoundariesNotFoundError extends ApiError {
  constructor(regionId: string) {
    super(
      404,
      'BOUNDARIES_NOT_FOUND',
      `region "${regionId}" has no ${BOUNDARIES_FILE}: its map shows municipalities as points`,
    );
  }
}

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return round5(value);
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

interface RawFeature {
  properties?: Record<string, unknown> | null;
  geometry?: { type?: string; coordinates?: unknown } | null;
}
interface RawCollection {
  type?: string;
  credit?: { ja?: unknown; en?: unknown };
  source?: unknown;
  features?: RawFeature[];
}

/** The municipality code of a feature: N03_007 (MLIT) or a `municipality`/`code` property. */
function codeOf(feature: RawFeature): string | null {
  const p = feature.properties ?? {};
  for (const key of ['municipality', 'code', 'N03_007']) {
    const value = p[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** Shapes a region's boundary file; a feature of no municipality of the region is left out. */
export function shapeBoundaries(region: Region, raw: RawCollection, file: string): RegionBoundaries {
  if (raw.type !== 'FeatureCollection' || !Array.isArray(raw.features))
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const municipalities = new Map(region.municipalities.map((m) => [m.id, m]));
  const features: BoundaryFeature[] = [];
  for (const feature of raw.features) {
    const code = codeOf(feature);
    const municipality = code === null ? undefined : municipalities.get(code);
    const type = feature.geometry?.type;
    if (!municipality || (type !== 'Polygon' && type !== 'MultiPolygon')) continue;
    features.push({
      type: 'Feature',
      id: municipality.id,
      properties: { municipality: municipality.id, area: municipality.area, name: municipality.name },
      geometry: {
        type,
        coordinates: roundCoordinates(feature.geometry?.coordinates) as BoundaryGeometry['coordinates'],
      },
    });
  }
  const credit = raw.credit ?? {};
  return {
    type: 'FeatureCollection',
    regionId: region.id,
    credit: {
      ja: typeof credit.ja === 'string' ? credit.ja : '',
      en: typeof credit.en === 'string' ? credit.en : typeof credit.ja === 'string' ? credit.ja : '',
    },
    source: typeof raw.source === 'string' ? raw.source : file,
    features,
  };
}

@Injectable()
export class RegionBoundariesService {
  private readonly cache = new Map<string, BoundariesBody | null>();

  constructor(
    @Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Throws ScenarioValidationError REGION_NOT_FOUND (404) for an unknown region and
   * BoundariesNotFoundError (404) for a region without a boundary file.
   */
  get(regionId: string): BoundariesBody {
    const region = this.catalog.region(regionId); // REGION_NOT_FOUND first
    let body = this.cache.get(regionId);
    if (body === undefined) {
      body = this.load(region);
      this.cache.set(regionId, body);
    }
    if (body === null) throw new BoundariesNotFoundError(regionId);
    return body;
  }

  private load(region: Region): BoundariesBody | null {
    const path = join(this.config.scenarios.regionsDir, region.id, BOUNDARIES_FILE);
    if (!existsSync(path)) return null;
    const raw = JSON.parse(readFileSync(path, 'utf8')) as RawCollection;
    const json = JSON.stringify(
      shapeBoundaries(region, raw, `scenarios/data/${region.id}/${BOUNDARIES_FILE}`),
    );
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    return { json, etag };
  }
}
