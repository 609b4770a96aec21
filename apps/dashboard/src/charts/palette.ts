// Colours readable in greyscale and by colour-blind readers.
// - Areas (categorical): the Okabe–Ito palette, ordered so the first colours differ in
//   lightness (CIELAB L*) as well as hue, and always with the area's name beside them.
// - Occupancy (sequential): cividis, which is monotone in lightness and built for colour-vision
//   deficiency; darker = fuller, so greyscale prints keep the order.
import { interpolateCividis, scaleSequential, type ScaleSequential } from 'd3';

/** Okabe & Ito (2008), reordered: yellow, sky blue, bluish green, blue, orange, reddish purple, vermillion, grey. */
export const AREA_COLOURS = [
  '#F0E442',
  '#56B4E9',
  '#009E73',
  '#0072B2',
  '#E69F00',
  '#CC79A7',
  '#D55E00',
  '#999999',
] as const;

export function areaColour(index: number): string {
  return AREA_COLOURS[((index % AREA_COLOURS.length) + AREA_COLOURS.length) % AREA_COLOURS.length];
}

/** Maps each area id to its colour, in the order given (the region's order). */
export function areaColourMap(areaIds: readonly string[]): Map<string, string> {
  return new Map(areaIds.map((id, i) => [id, areaColour(i)]));
}

/** Utilisation 50 %…100 % (clamped) → cividis, light (low) to dark (full). */
export const OCCUPANCY_DOMAIN: [number, number] = [0.5, 1];
export function occupancyScale(): ScaleSequential<string> {
  return scaleSequential((t: number) => interpolateCividis(1 - t))
    .domain(OCCUPANCY_DOMAIN)
    .clamp(true);
}

/** Fixed series colours of the need chart: distinct by lightness, with patterns where close. */
export const SERIES = {
  beds: '#ffffff',
  bedsStroke: '#222222',
  need: '#c8c8c8',
  staticCensus: '#6e6e6e',
  simulated: '#1f3a6e',
  band: '#7fa7d9',
  line: '#1f3a6e',
  capacity: '#222222',
  target: '#D55E00',
  threshold: '#D55E00',
} as const;

/** CIELAB lightness L* (0–100) of a #rrggbb colour: used to check greyscale separation. */
export function lightness(hex: string): number {
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const y = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}
