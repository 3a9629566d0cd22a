/**
 * Reads a TARS DSL block's source into a tree of nodes, each with its line in the document:
 * the properties as the lenient property reader reads them (values that are no strict literal
 * kept as written), the blocks nested among them, and a block that continues it on its closing
 * line (`} ELSE {`, `} CATCH {`). Never throws: what cannot be read is a node saying why.
 */
import { isCodeKind, matchHeader } from '../metascript/block-header';
import { braceExtent } from '../metascript/brace-extent';
import { readCodeBlock } from '../metascript/code-block';
import { languageId } from '../metascript/inert-notes';
import { headerBrace, MAX_NESTING, newContext, type LenientContext } from '../metascript/lenient-context';
import { readLenientBody } from '../metascript/lenient-properties';
import { closingLineEnd } from '../metascript/property-block';
import { MetascriptParseFailure } from '../metascript/syntax-failure';
import { identifierEnd, lineEnd } from '../metascript/text-cursor';
import type { PropertyEntry } from '../metascript/types';

export interface DslNode {
  /** The keyword in upper case: ACTION, IF, FSHARP, … */
  readonly kind: string;
  readonly name: string | null;
  /** The 1-based line of its header in the document. */
  readonly line: number;
  readonly properties: readonly PropertyEntry[];
  /** The blocks written inside it, in order. */
  readonly children: readonly DslNode[];
  /** The block that continues it on its closing line: `} ELSE {`, `} CATCH {`. */
  readonly follower: DslNode | null;
  /**
   * Why its body was not read as properties and blocks: a syntax error, or the body is code
   * (PYTHON, FSHARP, …). Null for a DSL block that read.
   */
  readonly unread: { readonly reason: 'code' | 'syntax'; readonly message: string } | null;
}

interface ReadNode {
  readonly node: DslNode;
  /** Where the node's closing line ends. */
  readonly end: number;
}

/** Reads the block that `source` holds, whose first line is line `firstLine` of the document. */
export function readDslBlock(source: string, firstLine: number): DslNode {
  const context = newContext(source, () => {
    throw new Error('the DSL reader reads nested blocks itself');
  });
  let start = 0;
  while (source[start] === ' ' || source[start] === '\t') start++;
  return readNode(context, start, source.slice(0, start), 0, firstLine - 1).node;
}

/** `indent`: the whitespace that starts the line of the block's header (of the block it continues, for `} ELSE {`). */
function readNode(context: LenientContext, start: number, indent: string, depth: number, lineBase: number): ReadNode {
  const { text } = context;
  const kind = text.slice(start, identifierEnd(text, start)).toUpperCase();
  const line = lineBase + context.lines.at(start, '').line;
  const header = matchHeader(text, start);
  const node = { kind, name: header?.name ?? null, line, properties: [], children: [], follower: null };
  if (header === null) {
    const brace = headerBrace(text, start, lineEnd(text, start));
    const end = brace === -1 ? lineEnd(text, start) : braceExtent(text, brace).end;
    return { node: { ...node, unread: { reason: 'syntax', message: `the ${kind} block's header cannot be read` } }, end };
  }
  if (isCodeKind(kind)) {
    try {
      return { node: { ...node, unread: { reason: 'code', message: `${kind} code` } }, end: readCodeBlock(text, header, kind, indent).end };
    } catch {
      return { node: { ...node, unread: { reason: 'syntax', message: `the ${kind} block cannot be read` } }, end: braceExtent(text, header.brace).end };
    }
  }
  if (languageId(kind) !== null || depth > MAX_NESTING) {
    const reason = depth > MAX_NESTING ? 'syntax' : 'code';
    const message = depth > MAX_NESTING ? `blocks are nested more than ${String(MAX_NESTING)} deep` : `${kind} code`;
    return { node: { ...node, unread: { reason, message } }, end: braceExtent(text, header.brace).end };
  }
  const children: DslNode[] = [];
  try {
    const body = readLenientBody(context, header, depth, (childStart, childIndent, childDepth) => {
      const child = readNode(context, childStart, childIndent, childDepth, lineBase);
      children.push(child.node);
      return child.end;
    });
    const continued = continuation(text, body.close + 1);
    if (continued !== -1) {
      const follower = readNode(context, continued, indent, depth, lineBase);
      return { node: { ...node, properties: body.properties, children, follower: follower.node, unread: null }, end: follower.end };
    }
    return { node: { ...node, properties: body.properties, children, unread: null }, end: closingEnd(text, body.close + 1) };
  } catch (error) {
    if (!(error instanceof MetascriptParseFailure)) throw error;
    const at = context.lines.at(error.offset, error.message);
    const message = `${error.message} (line ${String(lineBase + at.line)}, column ${String(at.column)})`;
    return { node: { ...node, unread: { reason: 'syntax', message } }, end: braceExtent(text, header.brace).end };
  }
}

/** The offset of a block header after a closing `}` on the same line (`} ELSE {`), or -1. */
function continuation(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return headerBrace(text, i, lineEnd(text, i)) === -1 ? -1 : i;
}

/** Where a closing line ends; text after the `}` that is no comment is left, as the reader of the document left it. */
function closingEnd(text: string, from: number): number {
  try {
    return closingLineEnd(text, from);
  } catch {
    return lineEnd(text, from);
  }
}
