import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Template } from '../templates/template';
import { readFrontMatter } from './frontMatter';
import { incidentDateFrom, readDateMentions } from './incidentDate';
import { readInline } from './inline';
import { parseDocumentText } from './languages';
import { readActionItems } from './lists';
import { readMetadata } from './metadata';
import { findTitleHeading, readSections, readTitle } from './sections';
import { Source } from './source';
import { readTimeline } from './timeline';
import type { PostmortemDocument } from './types';
import { readWhys } from './whys';

/** Text → the postmortem model. Pure: the same document and template always give the same model. */
export function parsePostmortem(document: TextDocument, template: Template): PostmortemDocument {
  const source = new Source(document);
  const root = parseDocumentText(source.text, document.languageId, template);
  const frontMatter = readFrontMatter(root, source);
  const titleHeading = findTitleHeading(root);
  const title = readTitle(titleHeading, frontMatter, source);
  const sections = readSections(root, titleHeading, template, source);
  const { timeline, timelines, dateHeadings, declaredZone } = readTimeline(root, sections, frontMatter, source);
  const actionItems = readActionItems(root, sections, source);
  const metadata = readMetadata(root, frontMatter, sections, source);
  const dateMentions = readDateMentions(frontMatter, title, metadata, source);
  const incidentDate = incidentDateFrom(dateMentions);
  const { links, codeSpans, htmlSpans } = readInline(root, source);
  return {
    document,
    template,
    sections,
    timeline,
    timelines,
    dateHeadings,
    actionItems,
    whys: readWhys(root, sections, source),
    metadata,
    dateMentions,
    links,
    codeSpans,
    htmlSpans,
    ...(title ? { title } : {}),
    ...(frontMatter ? { frontMatter } : {}),
    ...(incidentDate ? { incidentDate } : {}),
    ...(declaredZone ? { declaredZone } : {}),
  };
}
