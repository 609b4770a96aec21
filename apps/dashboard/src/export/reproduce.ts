// The "reproduce" download of a run: one scenario file that `caretwin run` (or POST /api/runs)
// runs again to the same replications. It is the scenario as the run resolved it — the
// baseline's levers already included, so `extends` is dropped rather than applied twice —
// with the run's seed and replication count (indices 0…n−1; precision rounds are replaced by
// the count they stopped at). Comment lines carry the provenance (software, model and data
// versions, the reproducibility hash) so a reader can check they are rerunning the same thing.
// JSON is YAML, so the file is a .yaml with comments and a JSON body.
import type { Scenario } from '@caretwin/scenario';
import type { ResultDocument } from '../api/types';

/** Provenance fields added by the runner after the dashboard's ResultDocument type was written. */
interface VersionedProvenance {
  model?: { name: string; version: string };
  data?: { region: string; version: string };
  reproducibility?: { hash: string; covers: string[] };
}

export interface ReproduceFile {
  fileName: string;
  text: string;
  scenario: Scenario;
}

/** Replication indices 0…n−1, which a fixed count reruns; anything else cannot be one file. */
const isPrefix = (indices: readonly number[]): boolean => indices.every((v, i) => v === i);

export function reproduceScenario(doc: Pick<ResultDocument, 'provenance'>): Scenario {
  const { scenario, seed, replications } = doc.provenance;
  const copy: Scenario = { ...scenario, seed, replications };
  delete copy.extends;
  delete copy.precision;
  return copy;
}

export function reproduceFile(doc: Pick<ResultDocument, 'provenance'>, runId?: string): ReproduceFile {
  const provenance = doc.provenance as ResultDocument['provenance'] & VersionedProvenance;
  const scenario = reproduceScenario(doc);
  const fileName = `${scenario.id.replace(/[^A-Za-z0-9_.-]+/g, '-')}-reproduce.yaml`;
  const indices = provenance.replicationIndices;
  const lines = [
    `CareTwin: reproduces ${runId ? `run ${runId} of ` : ''}scenario ${scenario.id} (${scenario.name.en} / ${scenario.name.ja})`,
    `Run it again with:  caretwin run ${fileName}`,
    'The scenario as the run resolved it: the levers of its baseline are included, so there is no `extends`;',
    `seed ${provenance.seed}, ${provenance.replications} replications (indices ${indices.length ? `${indices[0]}…${indices[indices.length - 1]}` : 'none'}).`,
    ...(isPrefix(indices)
      ? []
      : ['WARNING: the run aggregated replication indices that are not 0…n−1; a fixed count reruns 0…n−1.']),
    `software: ${provenance.software.name} ${provenance.software.version}`,
    ...(provenance.model ? [`model: ${provenance.model.name} ${provenance.model.version}`] : []),
    ...(provenance.data
      ? [
          `data: region ${provenance.data.region} ${provenance.data.version} (the region is read by id: check that it is the same data)`,
        ]
      : []),
    ...(provenance.reproducibility
      ? [
          `reproducibility hash of the run: ${provenance.reproducibility.hash} (covers ${provenance.reproducibility.covers.join(', ')});`,
          'a rerun gives the same replications; its own hash differs, as its scenario is written without `extends`.',
        ]
      : []),
  ];
  const text = `${lines.map((l) => `# ${l}`).join('\n')}\n${JSON.stringify(scenario, null, 2)}\n`;
  return { fileName, text, scenario };
}
