// The forecasts (migration 6): each forecast the worker returned, as JSON, with what the latest
// query and a listing need beside it. Written by the api's ForecastsService when a forecast job
// completes; read for GET /api/forecasts/latest* and the Now channel's snapshot. The JSON is
// the Forecast of @caretwin/contracts (the store imports no other workspace package, so it is
// typed by the caller).
import type { Db } from './database';

export interface ForecastRecord {
  id: string;
  regionId: string;
  scenarioId: string;
  censusDate: string;
  createdAt: string;
  replications: number;
  seed: number;
  trigger: 'auto' | 'manual';
  requestedBy: string | null;
  /** the forecast, JSON */
  json: string;
}

interface ForecastDbRow {
  id: string;
  region_id: string;
  scenario_id: string;
  census_date: string;
  created_at: string;
  replications: number;
  seed: number;
  trigger: 'auto' | 'manual';
  requested_by: string | null;
  forecast: string;
}

const toRecord = (row: ForecastDbRow): ForecastRecord => ({
  id: row.id,
  regionId: row.region_id,
  scenarioId: row.scenario_id,
  censusDate: row.census_date,
  createdAt: row.created_at,
  replications: row.replications,
  seed: row.seed,
  trigger: row.trigger,
  requestedBy: row.requested_by,
  json: row.forecast,
});

export class ForecastRepository {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare<[ForecastRecord]>(
        `INSERT INTO forecasts (id, region_id, scenario_id, census_date, created_at, replications, seed,
           trigger, requested_by, forecast)
         VALUES (@id, @regionId, @scenarioId, @censusDate, @createdAt, @replications, @seed, @trigger,
           @requestedBy, @json)
         ON CONFLICT (id) DO NOTHING`,
      ),
      latest: db.prepare<[], ForecastDbRow>(
        'SELECT * FROM forecasts ORDER BY census_date DESC, created_at DESC, id DESC LIMIT 1',
      ),
      get: db.prepare<[string], ForecastDbRow>('SELECT * FROM forecasts WHERE id = ?'),
      latestCensusDate: db.prepare<[], string>('SELECT MAX(census_date) FROM forecasts').pluck(),
      count: db.prepare<[], number>('SELECT COUNT(*) FROM forecasts').pluck(),
    };
  }

  /**
   * Stores a forecast once: false when its id is already held (every api instance hears the
   * queue's 'completed' event; the one whose insert lands publishes it).
   */
  insert(record: ForecastRecord): boolean {
    return this.statements.insert.run(record).changes === 1;
  }

  /** The forecast from the newest census date (the newest of its runs), or null. */
  latest(): ForecastRecord | null {
    const row = this.statements.latest.get();
    return row ? toRecord(row) : null;
  }

  /** The newest census date a forecast is held of, or null (without reading the forecasts). */
  latestCensusDate(): string | null {
    return this.statements.latestCensusDate.get() ?? null;
  }

  get(id: string): ForecastRecord | null {
    const row = this.statements.get.get(id);
    return row ? toRecord(row) : null;
  }

  count(): number {
    return this.statements.count.get() ?? 0;
  }
}
