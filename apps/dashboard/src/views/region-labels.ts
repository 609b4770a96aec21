// Names of areas, hospitals and bed functions in the current language, for chart options.
import type { ResultBedFunction } from '@caretwin/contracts';
import type { Region } from '@caretwin/scenario';
import { FUNCTION_NAMES } from '../charts/labels';
import { lang } from '../i18n';

export function areaNamer(region: Pick<Region, 'areas'>): (id: string) => string {
  const names = new Map(region.areas.map((a) => [a.id, a.name]));
  return (id) => names.get(id)?.[lang()] ?? id;
}

export function hospitalNamer(region: Pick<Region, 'hospitals'>): (id: string) => string {
  const names = new Map(region.hospitals.map((h) => [h.id, h.name]));
  return (id) => names.get(id)?.[lang()] ?? id;
}

export const functionName = (fn: string): string => FUNCTION_NAMES[fn as ResultBedFunction]?.[lang()] ?? fn;
