// Municipal boundaries of a region for its map (`GET /api/regions/:id/boundaries`): a GeoJSON
// FeatureCollection (RFC 7946: WGS 84 lon/lat, exterior rings counter-clockwise) with each
// municipality's region id, area (二次医療圏) and names, and the credit line its source asks to show.

export interface BoundaryGeometry {
  type: 'Polygon' | 'MultiPolygon';
  /** Polygon: rings; MultiPolygon: polygons of rings; positions [lon, lat] */
  coordinates: number[][][] | number[][][][];
}

export interface BoundaryFeature {
  type: 'Feature';
  /** the municipality's id in the region (its 全国地方公共団体コード without the check digit) */
  id: string;
  properties: {
    municipality: string;
    /** the area (二次医療圏) the region's municipalities file puts it in */
    area: string;
    name: { ja: string; en: string };
  };
  geometry: BoundaryGeometry;
}

export interface RegionBoundaries {
  type: 'FeatureCollection';
  regionId: string;
  /** the credit the source requires wherever the map is shown (e.g. MLIT 国土数値情報) */
  credit: { ja: string; en: string };
  /** what the data is, in one line (dataset, year, simplification) */
  source: string;
  features: BoundaryFeature[];
}

const round5 = (value: number): number => Math.round(value * 1e5) / 1e5;

function roundCoordinates(value: unknown): unknown {
  if (typeof value === 'number') return round5(value);
  return Array.isArray(value) ? value.map(roundCoordinates) : value;
}

/** A boundary file as read (MLIT N03 properties or our own), before shaping. */
export interface RawBoundaryFile {
  type?: unknown;
  credit?: { ja?: unknown; en?: unknown };
  source?: unknown;
  features?: Array<{
    properties?: Record<string, unknown> | null;
    geometry?: { type?: unknown; coordinates?: unknown } | null;
  }>;
}

/** What of the region the shaping needs: its municipalities' ids, areas and names. */
export interface BoundaryRegion {
  id: string;
  municipalities: ReadonlyArray<{ id: string; area: string; name: { ja: string; en: string } }>;
}

/** The municipality code of a feature: `municipality`, `code` or MLIT's N03_007. */
function codeOf(properties: Record<string, unknown> | null | undefined): string | null {
  for (const key of ['municipality', 'code', 'N03_007']) {
    const value = properties?.[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/**
 * A region's boundary file as the api serves it and a report embeds it: each feature given the
 * region's municipality id, area and names (a feature of no municipality of the region is left
 * out), coordinates rounded to 5 decimals (about 1 m: the polygons are simplified far coarser).
 * Throws when the file is not a FeatureCollection.
 */
export function shapeBoundaries(
  region: BoundaryRegion,
  raw: RawBoundaryFile,
  file: string,
): RegionBoundaries {
  if (raw.type !== 'FeatureCollection' || !Array.isArray(raw.features))
    throw new Error(`${file}: not a GeoJSON FeatureCollection`);
  const municipalities = new Map(region.municipalities.map((m) => [m.id, m]));
  const features: BoundaryFeature[] = [];
  for (const feature of raw.features) {
    const code = codeOf(feature.properties);
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
  const ja = typeof raw.credit?.ja === 'string' ? raw.credit.ja : '';
  const en = typeof raw.credit?.en === 'string' ? raw.credit.en : ja;
  return {
    type: 'FeatureCollection',
    regionId: region.id,
    credit: { ja, en },
    source: typeof raw.source === 'string' ? raw.source : file,
    features,
  };
}

/** The file of a region's boundaries, beside its YAML files (not region data: the loader reads *.yaml / *.json). */
export const BOUNDARIES_FILE = 'municipalities.geojson';
