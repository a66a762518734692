import { parseDocument, type Document } from 'yaml';

let last: { text: string; document: Document.Parsed } | undefined;

/**
 * A front matter block parsed as YAML 1.2 (dates stay strings), duplicate keys an error. The settings read it before
 * the Markdown parse and the model after: the last block is remembered so that one analysis parses it once (YAML was
 * 6% of the command line's time when it was parsed twice). Callers only read the document.
 */
export function parseFrontMatterYaml(text: string): Document.Parsed {
  if (last?.text !== text) last = { text, document: parseDocument(text, { prettyErrors: false, uniqueKeys: true }) };
  return last.document;
}
