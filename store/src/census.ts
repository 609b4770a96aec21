// The census history (migration 5): one row per hospital × bed function × day. Written by the
// api's CensusService (one transaction per request: all of it or nothing), read for
// GET /api/census*, the Now channel, the forecast's start state and `caretwin backtest`.
// The row shape is StoredCensusRow of @caretwin/contracts, restated here because the store
// imports no other workspace package.
import type { Db } from './database';

export type CensusFunction = 'highAcute' | 'acute' | 'recovery' | 'chronic';

/** One stored report (structurally `StoredCensusRow`). Optional figures are null when not reported. */
export interface CensusRecord {
  date: string;
  hospital: string;
  institutionCode: string;
  area: string;
  function: CensusFunction;
  beds: number;
  occupied: number;
  icuBeds: number | null;
  icuOccupied: number | null;
  vents: number | null;
  ventsInUse: number | null;
  admissions: number | null;
  discharges: number | null;
  receivedAt: string;
  reporter: string;
  synthetic: boolean;
}

export interface CensusStoreResult {
  stored: number;
  /** rows that replaced an earlier report of the same hospital × function × day */
  replaced: number;
}

interface CensusDbRow {
  date: string;
  hospital: string;
  function: CensusFunction;
  institution_code: string;
  area: string;
  beds: number;
  occupied: number;
  icu_beds: number | null;
  icu_occupied: number | null;
  vents: number | null;
  vents_in_use: number | null;
  admissions: number | null;
  discharges: number | null;
  received_at: string;
  reporter: string;
  synthetic: number;
}

const toRecord = (row: CensusDbRow): CensusRecord => ({
  date: row.date,
  hospital: row.hospital,
  institutionCode: row.institution_code,
  area: row.area,
  function: row.function,
  beds: row.beds,
  occupied: row.occupied,
  icuBeds: row.icu_beds,
  icuOccupied: row.icu_occupied,
  vents: row.vents,
  ventsInUse: row.vents_in_use,
  admissions: row.admissions,
  discharges: row.discharges,
  receivedAt: row.received_at,
  reporter: row.reporter,
  synthetic: row.synthetic === 1,
});

const ORDER = 'ORDER BY date, hospital, function';

export class CensusRepository {
  private readonly statements;
  private readonly storeAll: (records: CensusRecord[]) => CensusStoreResult;

  constructor(db: Db) {
    this.statements = {
      exists: db
        .prepare<[string, string, string], number>(
          'SELECT 1 FROM census_reports WHERE date = ? AND hospital = ? AND function = ?',
        )
        .pluck(),
      upsert: db.prepare<[Record<string, unknown>]>(
        `INSERT INTO census_reports (date, hospital, function, institution_code, area, beds, occupied,
           icu_beds, icu_occupied, vents, vents_in_use, admissions, discharges, received_at, reporter, synthetic)
         VALUES (@date, @hospital, @function, @institutionCode, @area, @beds, @occupied, @icuBeds,
           @icuOccupied, @vents, @ventsInUse, @admissions, @discharges, @receivedAt, @reporter, @synthetic)
         ON CONFLICT (date, hospital, function) DO UPDATE SET
           institution_code = excluded.institution_code, area = excluded.area, beds = excluded.beds,
           occupied = excluded.occupied, icu_beds = excluded.icu_beds, icu_occupied = excluded.icu_occupied,
           vents = excluded.vents, vents_in_use = excluded.vents_in_use, admissions = excluded.admissions,
           discharges = excluded.discharges, received_at = excluded.received_at,
           reporter = excluded.reporter, synthetic = excluded.synthetic`,
      ),
      range: db.prepare<[{ from: string; to: string }], CensusDbRow>(
        `SELECT * FROM census_reports WHERE date >= @from AND date <= @to ${ORDER}`,
      ),
      rangeInArea: db.prepare<[{ from: string; to: string; area: string }], CensusDbRow>(
        `SELECT * FROM census_reports WHERE area = @area AND date >= @from AND date <= @to ${ORDER}`,
      ),
      latestDate: db.prepare<[], string | null>('SELECT MAX(date) FROM census_reports').pluck(),
      firstDate: db.prepare<[], string | null>('SELECT MIN(date) FROM census_reports').pluck(),
      // per hospital × function its last report within [from, to]
      latest: db.prepare<[{ from: string; to: string }], CensusDbRow>(
        `SELECT c.* FROM census_reports c
         JOIN (SELECT hospital, function, MAX(date) AS date FROM census_reports
               WHERE date >= @from AND date <= @to GROUP BY hospital, function) m
           ON c.hospital = m.hospital AND c.function = m.function AND c.date = m.date
         ORDER BY c.hospital, c.function`,
      ),
      lastDates: db.prepare<[], { hospital: string; function: CensusFunction; date: string }>(
        'SELECT hospital, function, MAX(date) AS date FROM census_reports GROUP BY hospital, function',
      ),
      count: db.prepare<[], number>('SELECT COUNT(*) FROM census_reports').pluck(),
      lastReceivedAt: db.prepare<[], string | null>('SELECT MAX(received_at) FROM census_reports').pluck(),
    };
    this.storeAll = db.transaction((records: CensusRecord[]): CensusStoreResult => {
      let replaced = 0;
      for (const r of records) {
        if (this.statements.exists.get(r.date, r.hospital, r.function)) replaced++;
        this.statements.upsert.run({ ...r, synthetic: r.synthetic ? 1 : 0 });
      }
      return { stored: records.length, replaced };
    });
  }

  /** One transaction: every record stored (a re-sent hospital × function × day replaced), or none. */
  store(records: CensusRecord[]): CensusStoreResult {
    return this.storeAll(records);
  }

  /** Reports dated from..to (inclusive), optionally of one area, by date, hospital, function. */
  range(from: string, to: string, area?: string | null): CensusRecord[] {
    const rows = area
      ? this.statements.rangeInArea.all({ from, to, area })
      : this.statements.range.all({ from, to });
    return rows.map(toRecord);
  }

  /** Per hospital × function its last report dated within from..to (defaults: all of history). */
  latest(options: { from?: string; to?: string } = {}): CensusRecord[] {
    return this.statements.latest
      .all({ from: options.from ?? '0000-00-00', to: options.to ?? '9999-99-99' })
      .map(toRecord);
  }

  /** Per `hospital|function` the date of its last report. */
  lastDates(): Map<string, string> {
    return new Map(this.statements.lastDates.all().map((r) => [`${r.hospital}|${r.function}`, r.date]));
  }

  /** The latest report date held, or null when nothing was ever reported. */
  latestDate(): string | null {
    return this.statements.latestDate.get() ?? null;
  }

  /** The earliest report date held, or null. */
  firstDate(): string | null {
    return this.statements.firstDate.get() ?? null;
  }

  /**
   * When the last stored request arrived (null: none): the census's version. Caches of the latest
   * state (Redis, each api instance) hold the version they were built from and are used only
   * while it is still the store's — so a report stored while Redis was away is never hidden.
   */
  lastReceivedAt(): string | null {
    return this.statements.lastReceivedAt.get() ?? null;
  }

  count(): number {
    return this.statements.count.get() ?? 0;
  }
}
