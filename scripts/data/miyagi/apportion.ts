// Largest-remainder (Hamilton) apportionment: split an integer total in proportion to weights
// so that the parts are integers summing to the total exactly. The bed table and the census
// totals are exact figures, so every split of them goes through here.

/** Split `total` into integers proportional to `weights`; ties go to the earlier index. */
export function apportion(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0)
    throw new Error(`apportion: total ${total} is not a non-negative integer`);
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  if (weights.some((w) => w < 0 || !Number.isFinite(w)))
    throw new Error('apportion: weights must be finite and >= 0');
  if (total === 0) return weights.map(() => 0);
  if (weightSum <= 0) throw new Error(`apportion: cannot split ${total} over zero weights`);
  const quotas = weights.map((w) => (total * w) / weightSum);
  const parts = quotas.map((q) => Math.floor(q));
  let left = total - parts.reduce((sum, p) => sum + p, 0);
  const order = quotas
    .map((q, index) => ({ index, remainder: q - Math.floor(q) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (left === 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

/** Apportion with a floor: every part gets `minimum` first, the rest goes by weight. */
export function apportionWithMinimum(total: number, weights: readonly number[], minimum: number): number[] {
  const rest = total - minimum * weights.length;
  if (rest < 0)
    throw new Error(`apportion: ${total} cannot give ${minimum} to each of ${weights.length} parts`);
  return apportion(rest, weights).map((p) => p + minimum);
}

/** FNV-1a hash of a string into [0, 1): a deterministic "jitter" for synthetic sizes and offsets. */
export function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 0x1_0000_0000;
}
