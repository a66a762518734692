import type { Root } from 'mdast';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyTemplate } from '../templates/match';
import type { Template } from '../templates/template';
import { readFrontMatter } from './frontMatter';
import { IncrementalMarkdown, parseMarkdownDocument } from './incremental';
import { incidentDateFrom, readDateMentions } from './incidentDate';
import { readInline } from './inline';
import { documentLanguage, parseDocumentText } from './languages';
import { readActionItems } from './lists';
import { parseChunk } from './markdownChunks';
import { readMetadata } from './metadata';
import type { ReaderCache } from './readerCache';
import { findTitleHeading, readSections, readTitle } from './sections';
import { Source } from './source';
import { readTimeline } from './timeline';
import { readMetadataTimes } from './timeline/metadataTimes';
import type { PostmortemDocument } from './types';
import { TextSearch } from './textSearch';
import { readWhys } from './whys';

/** Text → the postmortem model. Pure: the same document and template always give the same model. */
export function parsePostmortem(document: TextDocument, template: Template): PostmortemDocument {
  return readPostmortem(parseDocument(document.getText(), document.languageId, template), document, template);
}

/**
 * The document's tree. Markdown goes through the chunked parser (incremental.ts), which the server runs
 * incrementally: both give the same tree, so the editor and the command line agree.
 */
export function parseDocument(text: string, languageId: string, template: Template): Root {
  return isMarkdown(languageId) ? parseMarkdownDocument(text) : parseDocumentText(text, languageId, template);
}

/**
 * `parseDocument` in pieces, telling `onPiece` the size of each before it is parsed: Markdown in chunks of at least
 * `minChunk` characters, cut at headings and between blocks (the tree is the same), other languages whole. The
 * command line times each piece against the parse budget, as the server times each piece its worker parses.
 */
export function parseDocumentInPieces(text: string, languageId: string, template: Template, minChunk: number, onPiece: (chars: number) => void): Root {
  if (!isMarkdown(languageId)) {
    onPiece(text.length);
    return parseDocumentText(text, languageId, template);
  }
  const steps = new IncrementalMarkdown({ minChunk }).update(text);
  let step = steps.next();
  while (!step.done) {
    step = steps.next(
      step.value.map((job) => {
        onPiece(job.text.length + job.definitions.length);
        return parseChunk(job);
      }),
    );
  }
  return step.value;
}

/** Every language id but those of reStructuredText and plain text (`rst`, `text`, … too) is read as Markdown (languages.ts). */
export function isMarkdown(languageId: string): boolean {
  return documentLanguage(languageId) === 'markdown';
}

/**
 * The model readers over a parsed tree of `document`'s text. With a cache (kept per document between versions of an
 * incremental parse) the blocks the parse kept are not read again.
 */
export function readPostmortem(root: Root, document: TextDocument, template: Template, cache?: ReaderCache): PostmortemDocument {
  const source = new Source(document);
  const frontMatter = cache ? cache.readFrontMatter(root, source) : readFrontMatter(root, source);
  const titleHeading = findTitleHeading(root);
  const title = readTitle(titleHeading, frontMatter, source);
  const sections = readSections(root, titleHeading, source);
  const { timeline, timelines, dateHeadings, declaredZone } = readTimeline(root, sections, frontMatter, source, cache?.timeline);
  const actionItems = cache ? cache.readActionItems(root, sections, source) : readActionItems(root, sections, source);
  const metadata = readMetadata(root, frontMatter, sections, source);
  const statedTimes = readMetadataTimes(metadata, source);
  // `- Impact: …` under the title is the impact section written as a line (SRE-book metadata lists).
  const { template: heldTo, choice: templateChoice } = applyTemplate(sections, template, metadata.filter((field) => field.source === 'line').map((field) => field.key));
  const dateMentions = readDateMentions(frontMatter, title, metadata, source);
  const incidentDate = incidentDateFrom(dateMentions);
  const { links, codeSpans, htmlSpans } = cache ? cache.readInline(root, source) : readInline(root, source);
  const whys = cache ? cache.readWhys(root, sections, source) : readWhys(root, sections, source);
  return {
    document,
    template: heldTo,
    templateChoice,
    sections,
    timeline,
    timelines,
    dateHeadings,
    actionItems,
    whys,
    metadata,
    statedTimes,
    dateMentions,
    links,
    codeSpans,
    htmlSpans,
    search: new TextSearch(document.getText(), cache ? { list: cache.search.blocksOf(root), cache: cache.search } : undefined),
    ...(title ? { title } : {}),
    ...(frontMatter ? { frontMatter } : {}),
    ...(incidentDate ? { incidentDate } : {}),
    ...(declaredZone ? { declaredZone } : {}),
  };
}
