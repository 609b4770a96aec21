// ISO day arithmetic (YYYY-MM-DD) in UTC: a census date and its horizons are calendar days, so
// no time zone enters (the dates themselves are Japan's, libs/contracts/src/census.ts).

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not an ISO date: "${date}"`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
