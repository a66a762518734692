import type { Root } from 'mdast';
import { plainText } from '../templates/template';
import { endOf, startOf, type Source } from './source';
import type { FrontMatter, MetadataField, Section } from './types';

// Keys that, written as a heading (`## Date: February 06, 2023`), are metadata rather than a section.
const KNOWN_KEYS = new Set([
  'date', 'severity', 'sev', 'status', 'author', 'authors', 'owner', 'owners', 'incident commander', 'commander',
  'participants', 'responders', 'duration', 'start', 'end', 'started', 'detected', 'resolved', 'impact level', 'priority',
  'incident id', 'ticket', 'service', 'services', 'reviewers', 'last updated',
]);
// `**Severity:** SEV2`, `Status: resolved`, `- **Authors:** Joe`, RST's `:Authors: Joe`: a short key, a colon, a value.
const keyValue = /^\s*(?:[-*+]\s+|:)?(?:\*\*|__)?([\p{L}][\p{L} ]{0,30}?)(?::(?:\*\*|__)|(?:\*\*|__)?:)\s*(.*)$/u;

export function metadataKey(key: string): string {
  return key.trim().toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Metadata from front matter keys, `Key: value` lines between the title and the first section, and headings that are
 * really metadata. Keys are lower-cased.
 */
export function readMetadata(root: Root, frontMatter: FrontMatter | undefined, sections: readonly Section[], source: Source): MetadataField[] {
  const fields: MetadataField[] = [];
  for (const [key, value] of Object.entries(frontMatter?.data ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    fields.push({ key: metadataKey(key), value: Array.isArray(value) ? value.join(', ') : String(value), range: frontMatter!.range, source: 'front-matter' });
  }
  const preambleEnd = sections.find((s) => s.level <= 2)?.range.start.line ?? Number.MAX_SAFE_INTEGER;
  for (const node of root.children) {
    if (node.type === 'heading' || node.type === 'yaml') continue;
    if (source.document.positionAt(startOf(node)).line >= preambleEnd) break;
    if (node.type !== 'paragraph' && node.type !== 'list') continue;
    // A paragraph may hold several `Key: value` lines; read them from the source line by line.
    const text = source.text.slice(startOf(node), endOf(node));
    let offset = startOf(node);
    for (const line of text.split(/\r\n|\r|\n/)) {
      const match = keyValue.exec(line);
      if (match && match[2]!.trim()) {
        fields.push({ key: metadataKey(match[1]!), value: stripEmphasis(match[2]!), range: source.range(offset, offset + line.length), source: 'line' });
      }
      offset += line.length + (source.text[offset + line.length] === '\r' && source.text[offset + line.length + 1] === '\n' ? 2 : 1);
    }
  }
  for (const node of root.children) {
    if (node.type !== 'heading' || node.depth === 1) continue;
    const match = keyValue.exec(plainText(node));
    if (match && KNOWN_KEYS.has(metadataKey(match[1]!)) && match[2]!.trim()) {
      fields.push({ key: metadataKey(match[1]!), value: stripEmphasis(match[2]!), range: source.nodeRange(node), source: 'heading' });
    }
  }
  return fields;
}

function stripEmphasis(value: string): string {
  return value.replace(/[*_]{2}/g, '').trim();
}
