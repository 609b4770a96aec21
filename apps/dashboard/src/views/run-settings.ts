// Run settings (replications, horizon, seed) remembered per browser, so the next run of the
// editor or the runs page — and its baseline run — uses the same ones (a paired comparison).
export interface RememberedSettings {
  replications?: number;
  horizonDays?: number;
  seed?: number;
}

const STORAGE_KEY = 'caretwin.runSettings';
const FIELDS = ['replications', 'horizonDays', 'seed'] as const;

/** Whole number ≥ min, or undefined (anything else is not remembered). */
const whole = (value: unknown, min: number): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined; // storage off (private mode): nothing remembered
  }
}

/** The remembered settings; a field never set, or stored wrong, is left out. */
export function loadRunSettings(store: Pick<Storage, 'getItem'> | undefined = storage()): RememberedSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store?.getItem(STORAGE_KEY) ?? '{}');
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null) return {};
  const out: RememberedSettings = {};
  for (const field of FIELDS) {
    const value = whole((parsed as Record<string, unknown>)[field], field === 'seed' ? 0 : 1);
    if (value !== undefined) out[field] = value;
  }
  return out;
}

/** Remembers the settings of a run just started (an empty field forgets that setting). */
export function saveRunSettings(
  settings: RememberedSettings,
  store: Pick<Storage, 'setItem'> | undefined = storage(),
): void {
  try {
    store?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // quota or storage off: the run still starts
  }
}
