import type { RawBlock } from '../metascript/types';

/** A block of a kind the playground does not run (FSHARP, AGENT, PROMPT, …), kept as written. */
export function InertBlock(props: { block: RawBlock }) {
  return (
    <section class="cell inert" data-testid="inert-block" data-kind={props.block.kind} aria-label={`${props.block.kind} block, kept as written`}>
      <header class="cell-header">
        <span class="kind">{props.block.kind}</span>
        <span class="cell-name">{props.block.name ?? ''}</span>
      </header>
      <pre class="inert-text">{props.block.text}</pre>
      <p class="note">{props.block.kind} blocks do not run in the playground; this one is kept exactly as written and saved back unchanged.</p>
    </section>
  );
}
