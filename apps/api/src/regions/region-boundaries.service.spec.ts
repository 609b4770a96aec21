import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppConfig } from '@caretwin/config';
import { ScenarioCatalog } from '@caretwin/scenario';
import { RegionBoundariesService } from './region-boundaries.service';

const ROOT = resolve(__dirname, '../../../..');
const regionsDir = join(ROOT, 'scenarios', 'data');
const catalog = new ScenarioCatalog({ shippedDir: join(ROOT, 'scenarios'), regionsDir });
const service = new RegionBoundariesService(catalog, { scenarios: { regionsDir } } as AppConfig);

describe('region boundaries', () => {
  it("gives every Miyagi municipality one boundary with its area, names and MLIT's credit line", () => {
    const region = catalog.region('miyagi');
    const body = JSON.parse(service.get('miyagi').json) as import('@caretwin/contracts').RegionBoundaries;
    expect(body.type).toBe('FeatureCollection');
    expect(body.credit.ja).toBe('出典：国土数値情報（行政区域データ）（国土交通省）を加工して作成');
    expect(body.features.map((f) => f.id).sort()).toEqual(region.municipalities.map((m) => m.id).sort());
    for (const feature of body.features) {
      const municipality = region.municipalities.find((m) => m.id === feature.id);
      expect(feature.properties.area).toBe(municipality?.area);
      expect(feature.properties.name).toEqual(municipality?.name);
      expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
    }
  });

  it('rounds coordinates to 5 decimals and serialises once (same body and ETag on every call)', () => {
    const first = service.get('miyagi');
    expect(first).toBe(service.get('miyagi'));
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    expect(first.json).not.toMatch(/\d\.\d{6,}/);
    expect(first.json.length).toBeLessThan(300_000);
  });

  it('answers REGION_NOT_FOUND for an unknown region', () => {
    expect(() => service.get('atlantis')).toThrow(expect.objectContaining({ code: 'REGION_NOT_FOUND' }));
  });
});
