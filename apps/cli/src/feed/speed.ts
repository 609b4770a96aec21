// `--speed`: how fast the feed posts its days. `max` posts the next day as soon as the api has
// answered the last; `<n>d/<t>` posts n days every t (`1d/2s`: a day every 2 seconds; units ms,
// s, m, h), one day per request, spread evenly.

export interface FeedSpeed {
  /** milliseconds between the start of one day's request and the next's (0: as fast as the api answers) */
  msPerDay: number;
  /** as written, for the progress line */
  label: string;
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses `max` or `<n>d/<t><unit>`; null when neither. */
export function parseSpeed(value: string): FeedSpeed | null {
  const text = value.trim();
  if (text === 'max') return { msPerDay: 0, label: 'max' };
  const m = /^(\d+)d\/(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) return null;
  const days = Number(m[1]);
  const interval = Number(m[2]) * UNIT_MS[m[3]];
  if (days < 1 || !(interval > 0) || !Number.isFinite(interval)) return null;
  return { msPerDay: interval / days, label: text };
}
