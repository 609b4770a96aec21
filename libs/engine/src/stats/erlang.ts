/**
 * Erlang-B blocking probability of an M/M/c/c loss system with offered load A = λ·mean stay,
 * by the recursion B(k) = A·B(k−1) / (k + A·B(k−1)), B(0) = 1: every term lies in (0, 1], so
 * it neither overflows nor loses precision for hundreds of servers, unlike Aᶜ/c!.
 */
export function erlangB(servers: number, offeredLoad: number): number {
  checkArguments('erlangB', servers, offeredLoad);
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (offeredLoad * b) / (k + offeredLoad * b);
  return b;
}

/** Erlang-C: probability that an arrival waits in an M/M/c queue; 1 when A >= c (unstable). */
export function erlangC(servers: number, offeredLoad: number): number {
  checkArguments('erlangC', servers, offeredLoad);
  if (offeredLoad >= servers) return 1;
  const b = erlangB(servers, offeredLoad);
  return (servers * b) / (servers - offeredLoad * (1 - b));
}

function checkArguments(what: string, servers: number, offeredLoad: number): void {
  if (!Number.isInteger(servers) || servers < 0)
    throw new RangeError(`${what}: servers ${servers} must be an integer >= 0`);
  if (!(offeredLoad >= 0 && offeredLoad < Infinity))
    throw new RangeError(`${what}: offered load ${offeredLoad} must be finite and >= 0`);
}
