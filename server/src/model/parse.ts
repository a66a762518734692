import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Template } from '../templates/template';
import { readFrontMatter } from './frontMatter';
import { readIncidentDate } from './incidentDate';
import { readLists } from './lists';
import { parseMarkdown } from './markdown';
import { findTitleHeading, readSections, readTitle } from './sections';
import { Source } from './source';
import type { PostmortemDocument } from './types';

/** Text → the postmortem model. Pure: the same document and template always give the same model. */
export function parsePostmortem(document: TextDocument, template: Template): PostmortemDocument {
  const source = new Source(document);
  const root = parseMarkdown(source.text);
  const frontMatter = readFrontMatter(root, source);
  const titleHeading = findTitleHeading(root);
  const title = readTitle(titleHeading, frontMatter, source);
  const sections = readSections(root, titleHeading, template, source);
  const { timeline, actionItems } = readLists(root, sections, source);
  const incidentDate = readIncidentDate(frontMatter, title, document.uri);
  return {
    document,
    template,
    sections,
    timeline,
    actionItems,
    ...(title ? { title } : {}),
    ...(frontMatter ? { frontMatter } : {}),
    ...(incidentDate ? { incidentDate } : {}),
  };
}
