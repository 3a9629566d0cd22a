import type { RawBlock } from '../metascript/types';
import { inertLanguage } from './inert/inert-language';
import { inertNote } from './inert/inert-notes';
import { InertView } from './inert/InertView';

/**
 * A block the playground does not run (FSHARP, PROMPT, a fenced `yaml` block, text that could not
 * be read…), shown exactly as written, highlighted in its language, and saved back unchanged.
 */
export function InertBlock(props: { block: RawBlock; item?: number; failure?: { line: number; message: string; blockLine: number } | null }) {
  return (
    <InertView
      kind={props.block.kind}
      name={props.block.name}
      text={props.block.text}
      language={inertLanguage(props.block)}
      note={inertNote(props.block)}
      warning={props.block.inert?.warning ?? null}
      label={`${props.block.kind} block, kept as written`}
      item={props.item}
      failure={props.failure}
    />
  );
}
