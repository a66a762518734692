import type { Rule } from './rule';

export const metadataHeading: Rule = {
  id: 'PM017',
  name: 'metadata-heading',
  description: 'Metadata is written as a heading (`## Date: February 06, 2023`), so it shows up as an empty section.',
  defaultSeverity: 'hint',
  check(model, report) {
    for (const field of model.metadata) {
      if (field.source !== 'heading') continue;
      report({
        range: field.range,
        message: `"${model.document.getText(field.range).replace(/^#+\s*/, '')}" is metadata, not a section: write it as a line under the title or in the front matter.`,
        data: { line: field.range.start.line },
      });
    }
  },
  fixes(model, diagnostic) {
    const line = (diagnostic.data as { line?: number } | undefined)?.line;
    if (line === undefined) return [];
    const text = model.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
    const match = /^#{1,6}\s+(.+?):\s*(.*?)\s*#*\s*$/.exec(text);
    if (!match) return [];
    return [
      {
        title: `Write "${match[1]}" as a metadata line`,
        edits: [{ range: { start: { line, character: 0 }, end: { line, character: text.length } }, newText: `**${match[1]}:** ${match[2]}` }],
        safe: true,
      },
    ];
  },
};
