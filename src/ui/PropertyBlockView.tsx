import { For, Show } from 'solid-js';
import { printPropertyBlock } from '../metascript/property-block';
import type { PropertyBlock } from '../metascript/types';
import { propertyBlockNote, verbatimKeys } from './inert/inert-notes';
import { InertView } from './inert/InertView';

/**
 * A property block shown as written: a TARS DSL step (ACTION, VARIABLE), or one the reader
 * kept partly as text (values that are not strict literals, blocks written inside it), so that
 * nothing in it is hidden. Its strict values still apply; a settings block read whole is not
 * shown at all.
 */
export function PropertyBlockView(props: { block: PropertyBlock; item?: number; failure?: { line: number; message: string; blockLine: number } | null }) {
  const text = () => props.block.raw ?? printPropertyBlock(props.block.kind, props.block.name, props.block.properties);
  const keys = () => verbatimKeys(props.block);
  return (
    <InertView
      kind={props.block.kind}
      name={props.block.name}
      text={text()}
      language={null}
      note={propertyBlockNote(props.block)}
      warning={null}
      label={`${props.block.kind} block`}
      item={props.item}
      failure={props.failure}
    >
      <Show when={keys().length > 0}>
        <p class="note verbatim-values" data-testid="verbatim-values">
          Kept as written:{' '}
          <For each={keys()}>
            {(key, index) => (
              <>
                {index() > 0 ? ', ' : ''}
                <code>{key}</code>
              </>
            )}
          </For>
        </p>
      </Show>
    </InertView>
  );
}
