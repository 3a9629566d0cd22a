import { createMemo, Index } from 'solid-js';
import type { StreamChunk } from '../../engines/contract';
import { lineBlocks } from './line-blocks';

/**
 * stdout or stderr text, inline so that partial lines join up as written; a long text's middle
 * in blocks of whole lines that are laid out only when on screen (see line-blocks.ts).
 */
export function StreamText(props: { chunk: StreamChunk }) {
  const parts = createMemo(() => lineBlocks(props.chunk.text));
  return (
    <span class={props.chunk.stream}>
      {parts().lead}
      <Index each={parts().blocks}>{(block) => <span class="output-lines">{block()}</span>}</Index>
      {parts().rest}
    </span>
  );
}
