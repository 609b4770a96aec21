// Typed REST client of the api (same origin). Errors arrive as ApiError carrying the api's
// one error body, so views can show each issue at its field.
import type {
  CensusLatest,
  CensusSeries,
  ErrorBody,
  Forecast,
  ForecastAccepted,
  RegionBoundaries,
  RunAccepted,
  RunList,
  RunView,
} from '@caretwin/contracts';
import type {
  ComparisonView,
  CreateRunRequest,
  RegionView,
  ResultDocument,
  ScenarioListing,
  ScenarioView,
  ValidationView,
} from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get issues(): ErrorBody['issues'] {
    return this.body?.issues ?? [];
  }
}

function isErrorBody(value: unknown): value is ErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorBody).code === 'string' &&
    Array.isArray((value as ErrorBody).issues)
  );
}

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null; // e.g. a proxy's HTML error page: the status says enough
  }
}

export interface RestClient {
  scenarios(): Promise<{ items: ScenarioListing[] }>;
  scenario(ref: string): Promise<ScenarioView>;
  validate(scenario: Record<string, unknown>): Promise<ValidationView>;
  saveScenario(scenario: Record<string, unknown>): Promise<{ id: string; version: number }>;
  region(id: string): Promise<RegionView>;
  /** the region's municipal boundaries for its map; null when the region has none (404 BOUNDARIES_NOT_FOUND) */
  boundaries(id: string): Promise<RegionBoundaries | null>;
  runs(query?: { limit?: number; state?: string; scenario?: string }): Promise<RunList>;
  run(id: string): Promise<RunView>;
  startRun(request: CreateRunRequest): Promise<RunAccepted>;
  cancelRun(id: string): Promise<unknown>;
  result(id: string): Promise<ResultDocument>;
  compare(a: string, b: string): Promise<ComparisonView>;
  /** the Now view: the last report of every hospital × function and the missing ones */
  censusLatest(): Promise<CensusLatest>;
  /** daily area × function points from `from` to `to` (ISO days) */
  censusSeries(from: string, to: string): Promise<CensusSeries>;
  /** the latest forecast; null when none was made yet (404) */
  forecastLatest(): Promise<Forecast | null>;
  /** POST /api/forecasts (planner, admin): a forecast from the latest census date now */
  requestForecast(): Promise<ForecastAccepted>;
}

/** A JSON request against the api: the parsed answer, or an ApiError carrying the api's error body. */
export type JsonRequest = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The one way the dashboard's clients call the api (the REST client, the workshop routes). */
export function jsonRequester(base = '', fetcher: typeof fetch = (...args) => fetch(...args)): JsonRequest {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetcher(`${base}${path}`, {
      method,
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const parsed = parseJson(await response.text());
    if (!response.ok) {
      const errorBody = isErrorBody(parsed) ? parsed : null;
      throw new ApiError(
        response.status,
        errorBody,
        errorBody?.message ?? `${method} ${path}: HTTP ${response.status}`,
      );
    }
    return parsed as T;
  };
}

export function createRestClient(base = '', fetcher: typeof fetch = (...args) => fetch(...args)): RestClient {
  const request = jsonRequester(base, fetcher);
  const q = (params: Record<string, string | number | undefined>): string => {
    const entries = Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined);
    return entries.length
      ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()}`
      : '';
  };
  const id = encodeURIComponent;
  return {
    scenarios: () => request('GET', '/api/scenarios'),
    scenario: (ref) => request('GET', `/api/scenarios/${id(ref)}`),
    validate: (scenario) => request('POST', '/api/scenarios/validate', scenario),
    saveScenario: (scenario) => request('POST', '/api/scenarios', scenario),
    region: (regionId) => request('GET', `/api/regions/${id(regionId)}`),
    boundaries: async (regionId) => {
      try {
        return await request<RegionBoundaries>('GET', `/api/regions/${id(regionId)}/boundaries`);
      } catch (error) {
        // a region without a boundary file: the map shows its municipalities as points
        if (error instanceof ApiError && error.body?.code === 'BOUNDARIES_NOT_FOUND') return null;
        throw error;
      }
    },
    runs: (query = {}) =>
      request('GET', `/api/runs${q({ scenario: query.scenario, state: query.state, limit: query.limit })}`),
    run: (runId) => request('GET', `/api/runs/${id(runId)}`),
    startRun: (body) => request('POST', '/api/runs', body),
    cancelRun: (runId) => request('DELETE', `/api/runs/${id(runId)}`),
    result: (runId) => request('GET', `/api/runs/${id(runId)}/result`),
    compare: (a, b) => request('GET', `/api/compare${q({ a, b })}`),
    censusLatest: () => request('GET', '/api/census/latest'),
    censusSeries: (from, to) => request('GET', `/api/census${q({ from, to })}`),
    forecastLatest: async () => {
      try {
        return await request<Forecast>('GET', '/api/forecasts/latest');
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    requestForecast: () => request('POST', '/api/forecasts', {}),
  };
}
