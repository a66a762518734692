import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { PostmortemDocument } from '../model/types';
import { DEFAULT_KEYWORDS, formatOffset, milestones, placeEntries, type MilestoneKeywords } from './incidentTimes';

const DETAIL_LENGTH = 60;
/** A timeline entry's name is its time and the first words of its text. */
const NAME_WORDS = 6;

/**
 * The outline: title → sections (nested by level) → timeline entries (time and first words, with T+offset from the
 * incident's start), five-whys steps and action items (☑ done / ☐ open).
 */
export function documentSymbols(model: PostmortemDocument, keywords: MilestoneKeywords = DEFAULT_KEYWORDS): DocumentSymbol[] {
  const placed = placeEntries(model);
  const start = milestones(placed, keywords).start;
  const offsets = new Map(placed.map((p) => [p.entry, start ? formatOffset(p.at - start.at) : undefined]));
  // A timestamp heading (`### 13:35`) is both a section and a timeline entry: show it once, as the event.
  const headingEntries = new Map(model.timeline.filter((entry) => entry.kind === 'headings').map((entry) => [entry.range.start.line, entry]));
  const sectionSymbols = model.sections.map((section): DocumentSymbol => {
    const entry = headingEntries.get(section.range.start.line);
    return {
      name: entry ? entryName(entry.timeText, entry.text) : section.heading || '(empty heading)',
      kind: entry ? SymbolKind.Event : SymbolKind.String,
      ...(entry && offsets.get(entry) ? { detail: offsets.get(entry) } : {}),
      range: section.fullRange,
      selectionRange: section.range,
      children: [],
    };
  });
  const top: DocumentSymbol[] = [];
  const childrenOf = (section: number | undefined) => (section === undefined ? top : sectionSymbols[section]!.children!);

  // Sections, entries and items are each in document order; merge them so every parent lists children in order.
  const leaves: Array<{ section: number | undefined; symbol: DocumentSymbol }> = [
    ...model.timeline.filter((entry) => entry.kind !== 'headings').map((entry) => ({
      section: entry.section,
      symbol: {
        name: entryName(entry.timeText, entry.text),
        ...(offsets.get(entry) ? { detail: offsets.get(entry) } : {}),
        kind: SymbolKind.Event,
        range: entry.range,
        selectionRange: entry.timeRange,
      },
    })),
    ...model.whys.map((why, index) => ({
      section: why.section,
      symbol: {
        name: truncate(why.text.replace(/^[\s*_]*why\??[*_]*:?\s*/i, '') || why.text || '(empty step)'),
        detail: `Why #${model.whys.slice(0, index + 1).filter((w) => w.section === why.section).length}`,
        kind: SymbolKind.Key,
        range: why.range,
        selectionRange: why.range,
      },
    })),
    ...model.actionItems.map((item) => ({
      section: item.section,
      symbol: {
        name: item.text || '(empty task)',
        detail: item.checked ? '☑ done' : '☐ open',
        kind: SymbolKind.Boolean,
        range: item.range,
        selectionRange: item.range,
      },
    })),
  ];
  const nodes = [
    ...model.sections.map((section, index) => ({ section: section.parent, symbol: sectionSymbols[index]! })),
    ...leaves,
  ].sort((a, b) => compare(a.symbol.range, b.symbol.range));
  for (const node of nodes) childrenOf(node.section).push(node.symbol);

  if (!model.title) return top;
  const lastLine = model.document.lineCount - 1;
  const documentEnd = model.document.positionAt(model.document.getText().length);
  return [
    {
      name: model.title.text,
      kind: SymbolKind.File,
      range: { start: { line: 0, character: 0 }, end: lastLine >= 0 ? documentEnd : { line: 0, character: 0 } },
      selectionRange: model.title.range,
      children: top,
    },
  ];
}

function compare(a: Range, b: Range): number {
  return a.start.line - b.start.line || a.start.character - b.start.character;
}

function truncate(text: string): string {
  return text.length <= DETAIL_LENGTH ? text : `${text.slice(0, DETAIL_LENGTH - 1).trimEnd()}…`;
}

/** `00:27 UTC Django starts rapidly using connections to…`: the time and the first words of the event. */
function entryName(timeText: string, text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0) return timeText;
  return truncate(`${timeText} ${words.slice(0, NAME_WORDS).join(' ')}${words.length > NAME_WORDS ? '…' : ''}`);
}
