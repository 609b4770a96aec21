// The census twin's service: reads a request's reports (CSV or FHIR, @caretwin/census), checks
// the reporter's scope, stores them in one transaction (all or nothing; a re-sent hospital ×
// function × day replaces the earlier one), then tells the Now channel (census.updated with
// seq), caches the latest state in Redis, and fires dayComplete for each date it completed.
// Reads: the latest per hospital × function with the missing ones, the daily series, the
// forecast's start state and the Now view's snapshot.
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { AppConfig, Logger } from '@caretwin/config';
import {
  censusRegion,
  isDayComplete,
  japanDate,
  missingChange,
  missingReports,
  parseCensusCsv,
  parseCensusFhir,
  seriesKey,
  seriesPoints,
  addDays,
  daysBetween,
  type CensusRegion,
} from '@caretwin/census';
import type {
  CensusAccepted,
  CensusLatest,
  CensusSeries,
  CensusSeriesPoint,
  NowSnapshot,
  StoredCensusRow,
} from '@caretwin/contracts';
import { ScenarioCatalog } from '@caretwin/scenario';
import { CensusRepository, type Db } from '@caretwin/store';
import { ForbiddenError } from '../access/access-errors';
import type { Principal } from '../access/principal';
import { APP_CONFIG, APP_LOGGER } from '../config/config.tokens';
import { ApiError, RequestInvalidError, requestIssue } from '../errors/api-error';
import { DATABASE } from '../store/store.tokens';
import { CensusEvents } from './census-events';
import { NowPublisher } from './now-publisher';

/** The forecast starts from reports at most this old (CensusService.startState). */
export const START_STATE_MAX_AGE_DAYS = 7;
/** The Now view's history: the last 60 days. */
export const NOW_SERIES_DAYS = 60;
/** GET /api/census reads at most this many days at once. */
export const SERIES_MAX_DAYS = 366;

export type CensusBody = { kind: 'csv'; text: string } | { kind: 'fhir'; json: unknown };

export interface CensusPost {
  body: CensusBody;
  /** `?synthetic=true` (a FHIR report tagged HTEST is synthetic too) */
  synthetic: boolean;
  principal: Principal;
}

export class CensusInvalidError extends ApiError {
  constructor(issues: ConstructorParameters<typeof ApiError>[3]) {
    const n = issues?.length ?? 0;
    super(
      422,
      'CENSUS_INVALID',
      `the census reports are invalid (${n === 1 ? '1 problem' : `${n} problems`}); nothing was stored`,
      issues,
    );
  }
}

@Injectable()
export class CensusService implements OnApplicationBootstrap {
  private readonly repository: CensusRepository;
  private cachedRegion: CensusRegion | undefined;
  /** The snapshot body (latest + 60-day series) until the census changes; seq is read per subscribe. */
  private snapshotBody: { key: string; body: Promise<Omit<NowSnapshot, 'seq' | 'forecast'>> } | undefined;

  constructor(
    @Inject(DATABASE) db: Db,
    @Inject(ScenarioCatalog) private readonly catalog: ScenarioCatalog,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly publisher: NowPublisher,
    private readonly events: CensusEvents,
  ) {
    this.repository = new CensusRepository(db);
  }

  /**
   * Loads the census region before the api listens (the forecast module checks its scenario
   * against it there too; the catalog loads the region once for both). A failure only logs:
   * POST /api/census then answers why.
   */
  onApplicationBootstrap(): void {
    try {
      this.region();
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message, scenario: this.config.census.scenario },
        'census region not loaded',
      );
    }
  }

  /** The census region: CENSUS_SCENARIO's region, resolved once (the catalog caches the region's files). */
  region(): CensusRegion {
    this.cachedRegion ??= censusRegion(this.catalog.resolve(this.config.census.scenario).region);
    return this.cachedRegion;
  }

  /** POST /api/census: all of it stored, or a 422 (nothing stored) / 403 (a hospital out of scope). */
  async post(request: CensusPost, now = new Date()): Promise<CensusAccepted> {
    const region = this.region();
    const context = { region, today: japanDate(now) };
    const read =
      request.body.kind === 'csv'
        ? parseCensusCsv(request.body.text, context)
        : parseCensusFhir(request.body.json, context);
    if (!read.ok) throw new CensusInvalidError(read.issues);

    const { principal } = request;
    if (principal.role === 'reporter') {
      const allowed = new Set(principal.hospitals);
      const foreign = read.rows.find((r) => !allowed.has(r.hospital) && !allowed.has(r.institutionCode));
      if (foreign)
        throw new ForbiddenError(
          `token ${principal.name} may not report for hospital ${foreign.hospital} (医療機関コード ${foreign.institutionCode}); it reports for ${principal.hospitals.join(', ') || 'no hospital'}`,
        );
    }

    const receivedAt = now.toISOString();
    const synthetic = request.synthetic || read.synthetic;
    const rows: StoredCensusRow[] = read.rows.map((r) => ({
      ...r,
      receivedAt,
      reporter: principal.name,
      synthetic,
    }));
    const asOfBefore = this.repository.latestDate();
    const { stored, replaced } = this.repository.store(rows);
    const dates = [...new Set(rows.map((r) => r.date))].sort();
    this.snapshotBody = undefined;
    this.logger.info(
      { stored, replaced, dates: dates.length, reporter: principal.name, synthetic },
      'census stored',
    );

    await this.announce(rows, dates, asOfBefore);
    for (const date of dates)
      if (isDayComplete(region, date, this.repository.range(date, date))) this.events.dayComplete(date);
    this.events.stored(dates);
    return { dates, stored, replaced };
  }

  /**
   * census.updated to every instance (the rows, the points they changed, and the change to the
   * missing list since `asOfBefore`) and the latest state to the Redis cache; a Redis outage only logs.
   */
  private async announce(rows: StoredCensusRow[], dates: string[], asOfBefore: string | null): Promise<void> {
    try {
      const region = this.region();
      const touched = new Set(rows.map((r) => seriesKey(r)));
      const from = dates[0] as string;
      const to = dates[dates.length - 1] as string;
      const points = seriesPoints(region, this.repository.range(from, to), { dates }).filter((p) =>
        touched.has(seriesKey(p)),
      );
      const version = this.repository.lastReceivedAt();
      const latest = this.computeLatest();
      await this.publisher.cacheLatest({ version, latest });
      await this.publisher.censusUpdated({
        rows,
        points,
        asOf: latest.asOf,
        ...missingChange(asOfBefore, latest.asOf, latest.missing, rows),
      });
    } catch (error) {
      this.logger.warn(
        { err: (error as Error).message },
        'census stored, but the Now channel was not told (Redis)',
      );
    }
  }

  /** The latest report date held (the store's), or null when nothing was ever reported. */
  latestDate(): string | null {
    return this.repository.latestDate();
  }

  /** GET /api/census/latest: Redis's copy while it shows the store's census version, else from the store (and cached). */
  async latest(): Promise<CensusLatest> {
    const version = this.repository.lastReceivedAt();
    const cached = await this.publisher.cachedLatest();
    if (cached && cached.version === version && cached.latest.regionId === this.region().id)
      return cached.latest;
    const latest = this.computeLatest();
    // e.g. reports stored while Redis was away: the next reader finds the cache right again
    this.publisher.cacheLatest({ version, latest }).catch(() => undefined);
    return latest;
  }

  private computeLatest(): CensusLatest {
    const region = this.region();
    const asOf = this.repository.latestDate();
    const reports = this.repository.latest().filter((r) => region.byId.has(r.hospital)) as StoredCensusRow[];
    const missing = asOf
      ? missingReports(region, asOf, this.repository.range(asOf, asOf), this.repository.lastDates())
      : missingReports(region, '', []);
    return { regionId: region.id, asOf, reports, missing };
  }

  /** GET /api/census: daily points per area × function from..to (inclusive), one area or all. */
  series(from: string, to: string, area: string | null): CensusSeries {
    const region = this.region();
    const rows = this.repository.range(from, to, area).filter((r) => region.byId.has(r.hospital));
    const dates: string[] = [];
    // every day of the window that has any report (in any area): a day nobody reported stays absent
    const reportedDays = new Set(this.repository.range(from, to).map((r) => r.date));
    for (let d = from; d <= to; d = addDays(d, 1)) if (reportedDays.has(d)) dates.push(d);
    const points: CensusSeriesPoint[] = seriesPoints(region, rows, { area, dates });
    return { regionId: region.id, from, to, area, points };
  }

  /** GET /api/census with its query checked against the census: from ≤ to, a bounded window, a known area. */
  seriesQuery(query: { from?: string; to?: string; area?: string }): CensusSeries {
    const window = this.defaultWindow();
    const to = query.to ?? (query.from && query.from > window.to ? query.from : window.to);
    const from = query.from ?? addDays(to, -(NOW_SERIES_DAYS - 1));
    const issues = [];
    if (from > to) issues.push(requestIssue('from', `${from} is after to (${to})`));
    else if (daysBetween(from, to) + 1 > SERIES_MAX_DAYS)
      issues.push(
        requestIssue('to', `${daysBetween(from, to) + 1} days: at most ${SERIES_MAX_DAYS} at once`),
      );
    const areas = this.region().areas;
    if (query.area !== undefined && !areas.includes(query.area))
      issues.push(
        requestIssue('area', `unknown area "${query.area.slice(0, 64)}"; areas: ${areas.join(', ')}`),
      );
    if (issues.length > 0)
      throw new RequestInvalidError(
        `census query is invalid (${issues.length === 1 ? '1 problem' : `${issues.length} problems`})`,
        issues,
      );
    return this.series(from, to, query.area ?? null);
  }

  /** Default window of GET /api/census: the 60 days up to the latest report (or today). */
  defaultWindow(now = new Date()): { from: string; to: string } {
    const to = this.repository.latestDate() ?? japanDate(now);
    return { from: addDays(to, -(NOW_SERIES_DAYS - 1)), to };
  }

  /**
   * The forecast's start: per hospital × function the latest report on or before `date`, at
   * most START_STATE_MAX_AGE_DAYS old (older ones are as good as missing).
   */
  startState(date: string): StoredCensusRow[] {
    // every stored row was checked against the census region on its way in
    return this.repository.latest({ from: addDays(date, -START_STATE_MAX_AGE_DAYS), to: date });
  }

  /** The Now view's state without seq and forecast (the gateway adds both). */
  nowState(now = new Date()): Promise<Omit<NowSnapshot, 'seq' | 'forecast'>> {
    // rebuilt when the census version or the window moved (another instance's report while
    // Redis was away included), so 1,000 subscribers share one build
    const { from, to } = this.defaultWindow(now);
    const key = `${this.repository.lastReceivedAt() ?? ''}|${from}|${to}`;
    if (this.snapshotBody?.key !== key) {
      const body = (async () => ({ latest: await this.latest(), series: this.series(from, to, null) }))();
      this.snapshotBody = { key, body };
      body.catch(() => {
        if (this.snapshotBody?.body === body) this.snapshotBody = undefined;
      });
    }
    return this.snapshotBody.body;
  }

  /** Another instance stored reports: the snapshot body is rebuilt on the next subscribe. */
  forgetSnapshot(): void {
    this.snapshotBody = undefined;
  }
}
