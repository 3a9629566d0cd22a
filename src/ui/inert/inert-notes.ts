/**
 * The words an inert block shows: why it does not run, and the warning of a block that could
 * not be read.
 */
import type { Block, MetascriptSyntaxError, PropertyBlock, RawBlock } from '../../metascript/types';

/** The quiet note under an inert block. */
export function inertNote(block: RawBlock): string {
  return block.inert?.note ?? `${block.kind} blocks do not run in the playground; kept as written`;
}

/** The marker of a block that was kept as text because it could not be read. */
export function warningText(warning: MetascriptSyntaxError): string {
  return `Not read as a block: ${warning.message} (line ${warning.line}, column ${warning.column})`;
}

/** The keys of a property block's entries whose values are kept as written, in order. */
export function verbatimKeys(block: PropertyBlock): string[] {
  return block.properties.filter((entry) => entry.verbatim === true).map((entry) => entry.key);
}

/**
 * Whether a property block is shown: only when the reader kept part of it as text (a value
 * that is not a strict literal, or blocks written inside it). A block read whole is applied,
 * not shown, as ever.
 */
export function showsPropertyBlock(block: PropertyBlock): boolean {
  return isDslBlock(block) || verbatimKeys(block).length > 0 || (block.children?.length ?? 0) > 0;
}

/** ACTION and VARIABLE blocks are steps of the TARS DSL, run in order with the cells. */
function isDslBlock(block: PropertyBlock): boolean {
  return block.kind === 'ACTION' || block.kind === 'VARIABLE';
}

function blockKind(block: Block): string | null {
  return block.type === 'trivia' ? null : block.kind;
}

/** The note under a property block that is shown: what of it is kept as text. */
export function propertyBlockNote(block: PropertyBlock): string {
  const parts: string[] = [];
  if (verbatimKeys(block).length > 0) parts.push('values marked as written are kept as text');
  const inside = [...new Set((block.children ?? []).map(blockKind).filter((kind) => kind !== null))];
  if (inside.length > 0) parts.push(`the ${inside.join(', ')} ${inside.length === 1 ? 'block' : 'blocks'} inside it kept as written`);
  if (isDslBlock(block)) return parts.length === 0 ? 'TARS DSL: runs in order with the cells' : `TARS DSL: runs in order with the cells; ${parts.join('; ')}`;
  return `${block.kind} block: ${parts.join('; ')}`;
}
