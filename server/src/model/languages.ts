import type { Root } from 'mdast';
import { builtInTemplate, builtInTemplateNames } from '../templates/index';
import type { Template, TemplateSection } from '../templates/template';
import { parseMarkdown } from './markdown';
import { normalizeSectionName } from './normalize';
import { parsePlainText } from './plaintext';
import { parseRst } from './rst';

/** The languages whose documents we read, by the ids VS Code gives them. */
export type DocumentLanguage = 'markdown' | 'restructuredtext' | 'plaintext';

/**
 * The ids other editors send for the same languages: Neovim and Helix call reStructuredText `rst`, Neovim calls plain
 * text `text`; `txt` and `plain` are the file extension and a common short name.
 */
const aliases: ReadonlyMap<string, DocumentLanguage> = new Map([
  ['restructuredtext', 'restructuredtext'],
  ['rst', 'restructuredtext'],
  ['plaintext', 'plaintext'],
  ['text', 'plaintext'],
  ['txt', 'plaintext'],
  ['plain', 'plaintext'],
]);

/** The language a document's language id names, VS Code's or another editor's; any other id is read as Markdown. */
export function documentLanguage(languageId: string): DocumentLanguage {
  return aliases.get(languageId) ?? 'markdown';
}

/**
 * The document as mdast, by its language id: Markdown as it is, reStructuredText and plain text converted with
 * positions into their own text, so one set of readers, rules and features serves all three.
 */
export function parseDocumentText(text: string, languageId: string, template: Template): Root {
  const language = documentLanguage(languageId);
  if (language === 'restructuredtext') {
    const names = sectionNames(template);
    return parseRst(text, { isSectionName: (title) => names.has(normalizeSectionName(title)) });
  }
  if (language === 'plaintext') {
    const names = sectionNames(template);
    const sections = candidateSections(template);
    return parsePlainText(text, {
      sectionNames: names,
      promptFor: (name) => sections.find((section) => section.names.includes(name))?.prompt,
    });
  }
  return parseMarkdown(text);
}

function sectionNames(template: Template): Set<string> {
  return new Set(candidateSections(template).flatMap((section) => section.names));
}

/** The sections a document may be matched to: for `auto`, those of every built-in template. */
function candidateSections(template: Template): TemplateSection[] {
  return template.auto ? builtInTemplateNames.flatMap((name) => builtInTemplate(name).sections) : template.sections;
}
