/**
 * The CodeMirror legacy mode of each inert language. Every mode is its own chunk, fetched the
 * first time a block in its language comes near the viewport, so a document without inert
 * blocks loads none of them.
 */
import type { StreamParser } from '@codemirror/language';
import type { InertLanguage } from './inert-language';

/** Imports the stream parser that tokenizes a language. */
export async function importMode(language: InertLanguage): Promise<StreamParser<unknown>> {
  switch (language) {
    case 'fsharp':
      return (await import('@codemirror/legacy-modes/mode/mllike')).fSharp;
    case 'csharp':
      return (await import('@codemirror/legacy-modes/mode/clike')).csharp;
    case 'yaml':
      return (await import('@codemirror/legacy-modes/mode/yaml')).yaml;
    case 'json':
      return (await import('@codemirror/legacy-modes/mode/javascript')).json;
    case 'bash':
      return (await import('@codemirror/legacy-modes/mode/shell')).shell;
    case 'xml':
      return (await import('@codemirror/legacy-modes/mode/xml')).xml;
  }
}
