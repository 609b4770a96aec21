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
