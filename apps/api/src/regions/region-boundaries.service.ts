// Municipal boundaries of a region (scenarios/data/<region>/municipalities.geojson, e.g. MLIT
// 国土数値情報 行政区域 N03): read once per region, each feature given the region's municipality
// id, its area (二次医療圏) and names from the region's municipalities file, coordinates rounded
// to 5 decimals (about 1 m: the polygons are simplified far coarser), and kept serialised with
// its ETag so every later request is a lookup.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AppConfig } from '@caretwin/config';
import {
  BOUNDARIES_FILE,
  shapeBoundaries,
  type RawBoundaryFile,
  type RegionBoundaries,
} from '@caretwin/contracts';
import { ScenarioCatalog, type Region } from '@caretwin/scenario';
import { APP_CONFIG } from '../config/config.tokens';
import { ApiError } from '../errors/api-error';

/**
 * Sends boundaries as GET /api/regions/:id/boundaries does (and a workshop's, for its
 * participants): the file changes only with a deployment, so an hour in the browser, revalidated
 * by ETag; private, since in AUTH_MODE=tokens the answer is for a token holder, not shared caches.
 */
export function sendBoundaries(body: BoundariesBody, req: Request, res: Response): void {
  res.setHeader('Cache-Control', 'private, max-age=3600');
  res.setHeader('ETag', body.etag);
  if (req.headers['if-none-match'] === body.etag) {
    res.status(304).end();
    return;
  }
  res.type('application/geo+json').send(body.json);
}

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

  /** The boundaries as an object (a report embeds them); null for a region without any. */
  find(regionId: string): RegionBoundaries | null {
    try {
      return JSON.parse(this.get(regionId).json) as RegionBoundaries;
    } catch (error) {
      if (error instanceof BoundariesNotFoundError) return null;
      throw error;
    }
  }

  private load(region: Region): BoundariesBody | null {
    const path = join(this.config.scenarios.regionsDir, region.id, BOUNDARIES_FILE);
    if (!existsSync(path)) return null;
    const raw = JSON.parse(readFileSync(path, 'utf8')) as RawBoundaryFile;
    const json = JSON.stringify(
      shapeBoundaries(region, raw, `scenarios/data/${region.id}/${BOUNDARIES_FILE}`),
    );
    const etag = `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`;
    return { json, etag };
  }
}
