/**
 * The block kinds of the TARS DSL that run in the playground (src/dsl/), beside ACTION and
 * VARIABLE, which are property blocks of the document model.
 */
export const DSL_KINDS: ReadonlySet<string> = new Set(['FUNCTION', 'CALL', 'RETURN', 'IF', 'ELSE', 'FOR', 'FOREACH', 'WHILE', 'TRY', 'CATCH', 'FINALLY']);

/** Kinds that continue the block before them, on its closing line or as the next block: `} ELSE {`. */
export const CONTINUING_KINDS: ReadonlySet<string> = new Set(['ELSE', 'CATCH', 'FINALLY']);
