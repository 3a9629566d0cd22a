/**
 * The TARS DSL, loaded on demand when a document's DSL blocks run: the reader of a block's
 * source (program.ts) and the interpreter (interpreter.ts).
 */
export { readDslBlock, type DslNode } from './program';
export { DslRunner } from './interpreter';
export { DSL_LIMITS, DslError, type DslFiles, type DslHost, type DslLogLine } from './contract';
