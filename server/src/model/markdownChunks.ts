/**
 * Parsing one chunk of a Markdown document (see blocks.ts) on its own: what runs in the parse worker. Pure data in,
 * pure data out, so that the result can cross a worker boundary.
 */
import type { FootnoteDefinition, Nodes, RootContent } from 'mdast';
import { countLineBreaks, endsClosed } from './blocks';
import { neutralise } from './caps';
import { markdownProcessor } from './markdown';

// Front matter only opens the document's first chunk; tables only where one may be.
const processors = {
  top: { tables: markdownProcessor({ frontMatter: true, tables: true }), plain: markdownProcessor({ frontMatter: true, tables: false }) },
  body: { tables: markdownProcessor({ frontMatter: false, tables: true }), plain: markdownProcessor({ frontMatter: false, tables: false }) },
};

/**
 * Whether a table could start in `text`. Its delimiter row has a pipe, or for a single column a colon next to a dash
 * (`:-`, `-:`); without either there is none, and the table construct, which micromark tries at every line, is left
 * out (a fifth of a 5 KB postmortem's parse). test/unit/markdownChunks.test.ts checks the trees are the same.
 */
export function mayHoldTable(text: string): boolean {
  return /[|]|:-|-:/.test(text);
}

export interface ChunkJob {
  /** The chunk's text (without a leading byte order mark). */
  text: string;
  /** 0-based line of the chunk in the document, to say where a parse that failed was. */
  line: number;
  frontMatter: boolean;
  /**
   * Link and footnote definitions from the rest of the document, written out (`[label]: x`), parsed before the chunk
   * so that its references resolve as they do in the whole document.
   */
  definitions: string;
}

export interface Definition {
  kind: 'link' | 'footnote';
  /** As written between the brackets. */
  label: string;
  identifier: string;
}

export interface ParsedChunk {
  /** Top-level nodes; positions count from the start of `definitions + text`. */
  children: RootContent[];
  /** Length and line breaks of the definitions written before the chunk: subtract them to get chunk positions. */
  prefixLength: number;
  prefixLines: number;
  /** Nothing the chunk leaves open takes in the lines after it (see `endsClosed`). */
  closed: boolean;
  /** Definitions the chunk itself makes, at any depth. */
  definitions: Definition[];
  /** Pathological runs were neutralised before parsing (see caps.ts). */
  capped: boolean;
}

export function parseChunk(job: ChunkJob): ParsedChunk {
  const text = neutralise(job.text);
  const capped = text !== job.text;
  // micromark drops a byte order mark that starts its input; one that starts a chunk further down (right after the
  // front matter) is text, so the chunk is parsed after a comment that keeps it from being first.
  const prefix = job.frontMatter ? '' : job.definitions || (job.text.charCodeAt(0) === 0xfeff ? '<!---->\n\n' : '');
  const input = prefix + text;
  const root = processors[job.frontMatter ? 'top' : 'body'][mayHoldTable(input) ? 'tables' : 'plain'].parse(input);
  let children = root.children;
  if (prefix) {
    let first = 0;
    while (first < children.length && (children[first]!.position?.start.offset ?? 0) < prefix.length) first++;
    children = children.slice(first);
  }
  const prefixLines = countLineBreaks(prefix, 0, prefix.length);
  const closed = endsClosed(job.text, { type: 'root', children }, prefix.length);
  return { children, prefixLength: prefix.length, prefixLines, closed, definitions: definitionsIn(children), capped };
}

function definitionsIn(children: RootContent[]): Definition[] {
  const found: Definition[] = [];
  const stack: Nodes[] = [...children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'definition') found.push({ kind: 'link', label: node.label ?? node.identifier, identifier: node.identifier });
    else if (node.type === 'footnoteDefinition') found.push({ kind: 'footnote', label: (node as FootnoteDefinition).label ?? node.identifier, identifier: node.identifier });
    // Definitions are blocks: they live in containers, never inside paragraphs or other leaves.
    if (node.type === 'root' || node.type === 'list' || node.type === 'listItem' || node.type === 'blockquote' || node.type === 'footnoteDefinition') {
      const kids = node.children as Nodes[];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return found;
}

/**
 * The definitions written out as Markdown, one block each. An HTML comment at column 0 then closes the last footnote
 * definition (a container an indented line would continue), and a blank line lets the chunk start afresh.
 */
export function definitionsText(definitions: Iterable<Definition>): string {
  let out = '';
  for (const { kind, label } of definitions) {
    const written = label.replace(/\r\n|\r|\n/g, ' ');
    out += kind === 'link' ? `[${written}]: x\n\n` : `[^${written}]: x\n\n`;
  }
  return out ? `${out}<!---->\n\n` : '';
}
