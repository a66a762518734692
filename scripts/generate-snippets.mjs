// Writes snippets/postmortem.code-snippets from the built-in templates (server/src/templates/*.md): for each
// template a whole postmortem and one snippet per section, heading and prompt exactly as the template writes them.
// test/unit/snippets.test.ts checks that the file is what this script writes, so edit a template, then run:
//
//   npm run snippets          # node --import tsx scripts/generate-snippets.mjs
//   npm run snippets -- --check   # exit 1 when the file is out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { parseTemplate } from '../server/src/templates/template.ts';

export const TEMPLATE_NAMES = ['python-discord', 'atlassian', 'google-sre', 'pagerduty'];
/** The default template keeps the short prefixes (`postmortem`, `pm-leadup`); the others say their name. */
const DEFAULT_TEMPLATE = 'python-discord';
export const SNIPPETS_FILE = new URL('../snippets/postmortem.code-snippets', import.meta.url);

const escape = (text) => text.replace(/[\\$}]/g, (c) => `\\${c}`);
// Headings as the outline and completion show them: without emoji.
const displayName = (heading) => heading.replace(/[\p{Extended_Pictographic}\p{Emoji_Modifier}\u200d\ufe0f]/gu, '').replace(/\s+/g, ' ').trim();
const slug = (heading) => displayName(heading).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The text of a built-in template. */
export function templateText(name) {
  return readFileSync(new URL(`../server/src/templates/${name}.md`, import.meta.url), 'utf8');
}

/** The snippets of every built-in template, plus a timeline entry and a why, as the JSON text of the snippets file. */
export function generateSnippets(readTemplate = templateText) {
  const snippets = {};
  for (const name of TEMPLATE_NAMES) {
    const text = readTemplate(name);
    const template = parseTemplate(name, text);
    const isDefault = name === DEFAULT_TEMPLATE;
    snippets[`Postmortem: ${name} template`] = {
      prefix: isDefault ? ['postmortem', 'pm-postmortem', `pm-${name}`] : [`postmortem-${name}`, `pm-${name}`],
      description: `A whole postmortem with every section of the ${name} template`,
      body: wholeBody(template, text, isDefault),
    };
    for (const section of template.sections) {
      const label = displayName(section.heading);
      snippets[isDefault ? `Postmortem section: ${label}` : `Postmortem section (${name}): ${label}`] = {
        prefix: isDefault ? `pm-${slug(section.heading)}` : `pm-${name}-${slug(section.heading)}`,
        description: `${isDefault ? '' : `${name}: `}${section.prompt ?? label}`,
        body: [`${'#'.repeat(section.level)} ${escape(section.heading)}`, '', ...(section.prompt ? [`*${escape(section.prompt)}*`, ''] : []), '$0'],
      };
    }
  }
  snippets['Postmortem: timeline entry'] = {
    prefix: 'pm-entry',
    description: 'A timeline entry with a bold UTC timestamp',
    body: ['- **${1:00:00} UTC:** $0'],
  };
  snippets['Postmortem: why'] = {
    prefix: 'pm-why',
    description: 'One more level of the five whys',
    body: ['- **Why?** $0'],
  };
  return `${JSON.stringify(snippets, null, 2)}\n`;
}

/**
 * A whole postmortem: the title with tab stops, the template's required metadata as `**Key:**` lines, and every
 * section with its prompt; the first timeline entry goes in the Timeline section (python-discord's Leadup).
 * A template other than the default is named in front matter, so the document is checked against it.
 */
function wholeBody(template, text, isDefault) {
  let stop = 1;
  const next = (placeholder) => (placeholder === undefined ? `\${${stop++}}` : `\${${stop++}:${escape(placeholder)}}`);
  const body = [];
  if (!isDefault) body.push('---', `template: ${template.name}`, '---', '');
  const titleLine = /^# (.*)$/m.exec(text.replace(/^---[\s\S]*?\n---\n/, ''))?.[1] ?? 'Incident title';
  body.push(/YYYY-MM-DD/.test(titleLine) ? `# ${next('YYYY-MM-DD')}: ${next('Incident title')}` : `# ${next('Incident title')}`, '');
  if (template.requiredMetadata.length > 0) {
    for (const key of template.requiredMetadata) {
      const label = key.replace(/^./, (c) => c.toUpperCase());
      body.push(`**${label}:** ${next(key === 'date' ? 'YYYY-MM-DD' : key === 'status' ? 'draft' : undefined)}  `);
    }
    body[body.length - 1] = body[body.length - 1].trimEnd();
    body.push('');
  }
  if (isDefault) body.push(next('Summary: what happened, when it started (with time zone) and how it was resolved.'), '');
  const names = (section) => section.names.join(' | ');
  const timeline = template.sections.find((s) => /\btimeline\b/.test(names(s))) ?? template.sections.find((s) => /\blead ?up\b/.test(names(s)));
  for (const section of template.sections) {
    body.push(`${'#'.repeat(section.level)} ${escape(section.heading)}`, '');
    if (section.prompt) body.push(`*${escape(section.prompt)}*`, '');
    if (section === timeline) body.push(`- **${next('00:00')} UTC:** ${next('First event')}`, '');
  }
  body.push('$0');
  return body;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const generated = generateSnippets();
  if (process.argv.includes('--check')) {
    const current = readFileSync(SNIPPETS_FILE, 'utf8');
    if (current !== generated) {
      process.stderr.write('snippets/postmortem.code-snippets is out of date: run npm run snippets\n');
      process.exit(1);
    }
  } else {
    writeFileSync(SNIPPETS_FILE, generated);
    process.stderr.write(`wrote snippets/postmortem.code-snippets (${Object.keys(JSON.parse(generated)).length} snippets)\n`);
  }
}
