// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per package, the
// figures the model benchmark prints for the Japan-size replication.
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  totalMs: number;
  functions: Array<{ name: string; ms: number; share: number }>;
  packages: Array<{ name: string; ms: number; share: number }>;
}

const place = (url: string): string =>
  url.replace(/^.*\/(node_modules|libs|apps)\//, '$1/').replace(/^file:\/\//, '');

export function summariseProfile(file: string, top = 20): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = (self.get(node.id) ?? 0) / 1000;
    // Waiting is not work: a thread's idle samples say nothing about where its time went.
    if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'}${url ? ` ${place(url)}:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    const pkg =
      /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      /(libs\/[^/]+|apps\/[^/]+)/.exec(url)?.[1] ??
      (url.startsWith('node:') ? 'node' : functionName || '(other)');
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
  }
  const rank = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, ms]) => ({ name, ms, share: total > 0 ? ms / total : 0 }));
  return { totalMs: total, functions: rank(byFunction, top), packages: rank(byPackage, 10) };
}

export function formatSummary(summary: ProfileSummary): string[] {
  const line = (e: { name: string; ms: number; share: number }) =>
    `  ${(e.ms / 1000).toFixed(1).padStart(7)} s ${(100 * e.share).toFixed(1).padStart(5)} %  ${e.name}`;
  return [
    `  busy time of the replication thread (CPU profile, idle excluded): ${(summary.totalMs / 1000).toFixed(1)} s`,
    ...summary.functions.map(line),
    '  by package:',
    ...summary.packages.map(line),
  ];
}
