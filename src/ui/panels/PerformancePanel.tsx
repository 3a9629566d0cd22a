import { createResource, For, Show } from 'solid-js';
import type { ConfinementProof } from '../../engines/confinement';
import { TIER_NAMES } from '../../engines/policy';
import type { StartupReport } from '../../engines/python/snapshot';
import type { Language } from '../../engines/contract';
import { languageOf, type CellState } from '../../runtime/notebook';
import { formatBytes, formatDuration } from '../format-size';
import { usePlayground } from '../playground-context';

const LANGUAGES: readonly { id: Language; label: string }[] = [
  { id: 'python', label: 'Python' },
  { id: 'javascript', label: 'JavaScript' },
];

/** How Python started, in words: from its snapshot, or normally and why. */
export function describeStartup(report: StartupReport): string {
  const size = report.snapshotBytes === null ? '' : formatBytes(report.snapshotBytes);
  switch (report.kind) {
    case 'restored':
      return `Restored from a start-up snapshot (${size}) in ${formatDuration(report.startMs)}${report.savedMs === null ? '' : `, ${formatDuration(Math.max(0, report.savedMs))} faster than a normal start`}.`;
    case 'made':
      return `Normal start in ${formatDuration(report.startMs)}; a start-up snapshot (${size}) was kept for the next start${report.note === null ? '' : ` (${report.note})`}.`;
    case 'normal':
      return `Normal start in ${formatDuration(report.startMs)}${report.note === null ? '' : ` (${report.note})`}.`;
  }
}

/** What an engine worker's policy self-test found, in words: the tier's policy and what it was seen to refuse. */
export function describeConfinement(proof: ConfinementProof | null): string {
  if (proof === null) return 'no browser policy applies';
  if (proof.proven) return `${proof.tier === null ? '' : `${TIER_NAMES[proof.tier]} `}Content-Security-Policy in force: ${proof.detail}`;
  return `none in this worker, so only Unrestricted code runs in it (${proof.detail})`;
}

/** Per-cell and per-language run times, and how long each engine took to start. */
export function PerformancePanel() {
  const { notebook, session } = usePlayground();
  // Asked once Python has started (a restart starts it again), never to start it.
  const [pythonStart] = createResource(
    () => session.hosts.python.startup(),
    () => session.hosts.python.call((remote) => remote.startupReport()).catch(() => null),
  );
  const ran = () => notebook.cells().filter((cell) => cell.runCount > 0);
  const label = (cell: CellState) => cell.name ?? `${cell.kind.toLowerCase()} cell`;
  const totals = (language: Language) => {
    const cells = ran().filter((cell) => languageOf(cell.kind) === language);
    return {
      runs: cells.reduce((sum, cell) => sum + cell.runCount, 0),
      ms: cells.reduce((sum, cell) => sum + cell.totalMs, 0),
      moved: cells.reduce((sum, cell) => sum + cell.bytesMoved, 0),
    };
  };
  return (
    <div class="performance" data-testid="performance-panel">
      <h3>Engines</h3>
      <table class="panel-table">
        <thead>
          <tr>
            <th scope="col">Language</th>
            <th scope="col">Start-up</th>
            <th scope="col" title="The worker's own check, made as it started, that its security policy is in force">Policy</th>
            <th scope="col">Runs</th>
            <th scope="col">Run time</th>
            <th scope="col">Moved in/out</th>
          </tr>
        </thead>
        <tbody>
          <For each={LANGUAGES}>
            {(language) => {
              const startup = () => session.hosts[language.id].startup();
              // Asked again after each start, since each worker proves its own policy.
              const [proof] = createResource(startup, () =>
                session.hosts[language.id].call((remote) => remote.confinement()).catch(() => undefined),
              );
              return (
                <tr data-language={language.id}>
                  <th scope="row">{language.label}</th>
                  <td data-testid={`startup-${language.id}`}>{startup() ? formatDuration(startup()?.ms ?? 0) : 'not started'}</td>
                  <td data-testid={`confinement-${language.id}`} data-proven={proof()?.proven === true ? 'true' : 'false'}>
                    {proof() === undefined ? '–' : describeConfinement(proof() ?? null)}
                  </td>
                  <td>{totals(language.id).runs}</td>
                  <td>{formatDuration(totals(language.id).ms)}</td>
                  <td>{formatBytes(totals(language.id).moved)}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
      <Show when={pythonStart()}>
        {(report) => (
          <p class="panel-note" data-testid="python-startup" data-kind={report().kind}>
            Python: {describeStartup(report())}
          </p>
        )}
      </Show>
      <h3>Cells</h3>
      <Show when={ran().length > 0} fallback={<p class="panel-empty">No cell has run yet.</p>}>
        <table class="panel-table" data-testid="performance-cells">
          <thead>
            <tr>
              <th scope="col">Cell</th>
              <th scope="col">Runs</th>
              <th scope="col">Last</th>
              <th scope="col">Total</th>
              <th scope="col" title="Time the engine itself spent on the last run">In engine</th>
              <th scope="col" title="Engine heap after the last run">Heap</th>
            </tr>
          </thead>
          <tbody>
            <For each={ran()}>
              {(cell) => (
                <tr data-cell={cell.id}>
                  <th scope="row">{label(cell)}</th>
                  <td>{cell.runCount}</td>
                  <td>{cell.durationMs === null ? '–' : formatDuration(cell.durationMs)}</td>
                  <td>{formatDuration(cell.totalMs)}</td>
                  <td>{cell.engineMs === null ? '–' : formatDuration(cell.engineMs)}</td>
                  <td>{cell.memoryBytes === null ? '–' : formatBytes(cell.memoryBytes)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </div>
  );
}
