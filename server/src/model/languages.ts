import type { Root } from 'mdast';
import type { Template } from '../templates/template';
import { parseMarkdown } from './markdown';
import { normalizeSectionName } from './normalize';
import { parsePlainText } from './plaintext';
import { parseRst } from './rst';

/** The language ids whose documents we read; anything else is read as Markdown. */
export type DocumentLanguage = 'markdown' | 'restructuredtext' | 'plaintext';

/**
 * The document as mdast, by its language id: Markdown as it is, reStructuredText and plain text converted with
 * positions into their own text, so one set of readers, rules and features serves all three.
 */
export function parseDocumentText(text: string, languageId: string, template: Template): Root {
  if (languageId === 'restructuredtext') {
    const names = sectionNames(template);
    return parseRst(text, { isSectionName: (title) => names.has(normalizeSectionName(title)) });
  }
  if (languageId === 'plaintext') {
    const names = sectionNames(template);
    return parsePlainText(text, {
      sectionNames: names,
      promptFor: (name) => template.sections.find((section) => section.names.includes(name))?.prompt,
    });
  }
  return parseMarkdown(text);
}

function sectionNames(template: Template): Set<string> {
  return new Set(template.sections.flatMap((section) => section.names));
}
