import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { closingBracket, formatClock } from '../model/time';
import type { Clock, PostmortemDocument, TimelineEntry, TimestampFormat } from '../model/types';
import { isFiveWhysSection } from '../model/whys';
import { displayName } from '../rules/missingSection';
import { knownNames } from './names';
import { headingCompletions } from './rstCompletion';
import { isLive, rewriteDatePrefix, suggestFirstTimestamps, suggestNextTimestamps, type TimestampSuggestion } from './timestampSuggestions';

export interface CompletionOptions {
  /** The clock "now" is read from (tests pass a fixed one). */
  now?: Date;
  /** The zone the settings declare, for timelines that name none. */
  zone?: string;
  /** The character that triggered the request, if one did: a space or `#` only ever gets structure, never names. */
  triggerCharacter?: string;
  /** The model is of the text before the cursor's line was typed (typedBullet.ts). */
  typedLine?: TypedLine;
}

/** The cursor's line as typed since the model's text: what it holds before the cursor, and whether it is new. */
export interface TypedLine {
  linePrefix: string;
  /** Set when the line was added: its number (the model's lines from there on are one further down now). */
  addedLine?: number;
}

/** `##`, `## `, `## Le`: the start of a heading, where missing sections are offered. */
const headingStart = /^(#{1,6})(?:\s+[^#]*)?$/;
/** `- `, `  * 00`, `- **0`, `2. [1`: a new bullet, possibly with the start of a timestamp typed. */
const bulletStart = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)([*_\d:[`]*)$/;
/** `16:`, `**1`: the start of a timestamped line under a paragraph of them. */
const lineStart = /^[*_\d:[`]*$/;
/** `|`, `| 14`: a new table row, possibly with the start of a time typed. */
const rowStart = /^\s*\|[^|]*$/;

export function completions(model: PostmortemDocument, position: Position, options: CompletionOptions = {}): CompletionItem[] {
  const linePrefix = options.typedLine?.linePrefix ?? model.document.getText({ start: { line: position.line, character: 0 }, end: position });
  const rstOrPlainHeading = headingCompletions(model, position, linePrefix);
  if (rstOrPlainHeading) return rstOrPlainHeading;
  const heading = headingStart.exec(linePrefix);
  if (heading) {
    const sections = missingSectionCompletions(model, position);
    const stamp = heading[1]!.length >= 3 ? headingTimestampCompletion(model, position, options) : undefined;
    if (!stamp) return sections;
    // Both apply on a `###` line: timestamps come first only when the heading above is one.
    return stamp.first ? [...stamp.items, ...sections] : [...sections, ...stamp.items];
  }
  const row = rowStart.test(linePrefix) || linePrefix.trim() === '' ? tableRowCompletion(model, position, options) : undefined;
  if (row) return row;
  const bullet = bulletStart.exec(linePrefix);
  const structure = bullet
    ? [...timestampCompletions(model, position, bullet[1]!.length, 'list', false, options), ...whyCompletions(model, position, bullet[1]!.length, false)]
    : linePrefix.trim() === ''
      ? [...timestampCompletions(model, position, 0, 'any', true, options), ...whyCompletions(model, position, 0, true)]
      : lineStart.test(linePrefix)
        ? timestampCompletions(model, position, 0, 'lines', false, options)
        : [];
  if (structure.length > 0) return structure;
  if (linePrefix === '' && startsBlock(model, position)) return missingSectionCompletions(model, position);
  return nameCompletions(model, position, linePrefix, options);
}

/** An empty line with a blank line (or nothing) above: a new block starts there, not a list item's continuation. */
function startsBlock(model: PostmortemDocument, position: Position): boolean {
  if (position.line === 0) return true;
  return model.document.getText({ start: { line: position.line - 1, character: 0 }, end: { line: position.line, character: 0 } }).trim() === '';
}

/** Template sections the document lacks, in template order, each inserted with its prompt. */
function missingSectionCompletions(model: PostmortemDocument, position: Position): CompletionItem[] {
  const present = new Set(model.sections.flatMap((section) => (section.match ? [section.match.index] : [])));
  const range = { start: { line: position.line, character: 0 }, end: position };
  return model.template.sections
    .filter((section) => !present.has(section.index))
    .map((section) => {
      const hashes = '#'.repeat(section.level);
      const prompt = section.prompt ? `\n\n*${escapeSnippet(section.prompt)}*` : '';
      return {
        label: displayName(section.heading),
        kind: CompletionItemKind.Snippet,
        detail: section.optional ? 'Optional template section' : 'Missing template section',
        ...(section.prompt ? { documentation: section.prompt } : {}),
        filterText: `${hashes} ${displayName(section.heading)}`,
        sortText: String(section.index).padStart(4, '0'),
        insertTextFormat: InsertTextFormat.Snippet,
        textEdit: { range, newText: `${hashes} ${escapeSnippet(section.heading)}${prompt}\n\n$0` },
      };
    });
}

/**
 * A timestamp written the way `entry` writes its own, split around the clock so the clock can be a placeholder. A
 * suggestion on another day rewrites the entry's date prefix (`2021-07-11 23:58` → `2021-07-12 00:04`).
 */
function stampParts(entry: Pick<TimelineEntry, 'format' | 'date'>, clock: Clock, suggestion?: TimestampSuggestion, padHour = entry.format.padHour): { open: string; time: string; close: string } {
  const format = { ...entry.format, padHour };
  let datePrefix = format.datePrefix ?? '';
  if (format.datePrefix && entry.date && suggestion?.date) datePrefix = rewriteDatePrefix(format.datePrefix, entry.date, suggestion.date) ?? datePrefix;
  return {
    open: `${format.emphasis}${format.brackets}${datePrefix}`,
    time: formatClock(clock, format),
    close: `${format.zoneText}${format.punctuation}${closingBracket(format.brackets)}${format.emphasis}${format.after}`,
  };
}

/** `open`, the clock as a tab stop when it is a guess, `close`: the snippet text of a timestamp. */
function stampSnippet({ open, time, close }: { open: string; time: string; close: string }, placeholder: boolean): string {
  return `${escapeSnippet(open)}${placeholder ? `\${1:${escapeSnippet(time)}}` : escapeSnippet(time)}${escapeSnippet(close)}`;
}

function timestampItem(label: string, detail: string, range: Range, newText: string, sortText: string, extra: Partial<CompletionItem> = {}): CompletionItem {
  return {
    label,
    kind: CompletionItemKind.Value,
    detail,
    filterText: label,
    sortText,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText },
    ...extra,
  };
}

/**
 * The suggestions for the timestamp after `previous`, in the order they are offered: the previous time (preselected)
 * first, except during a live incident, when "now" comes first.
 */
function orderedSuggestions(model: PostmortemDocument, previous: TimelineEntry, options: CompletionOptions): TimestampSuggestion[] {
  const now = options.now ?? new Date();
  const suggestions = suggestNextTimestamps(model, previous, { now, ...(options.zone ? { zone: options.zone } : {}), ...addedLine(options) });
  if (!isLive(model, previous, now)) return suggestions;
  return [...suggestions.filter((s) => s.kind === 'now'), ...suggestions.filter((s) => s.kind !== 'now')];
}

/**
 * Whether the timeline writes hours with two digits. An hour of 10 or more says nothing, so the entries with a
 * one-digit hour decide; without any, 24-hour clocks pad (`09:05`) and 12-hour clocks do not (`9:05 AM`).
 */
function padsHours(model: PostmortemDocument, previous: TimelineEntry): boolean {
  for (const entry of model.timeline) {
    if (entry.timelineId === previous.timelineId && entry.clock.hour < 10) return entry.format.padHour;
  }
  return previous.format.meridiem === undefined;
}

function detailOf(suggestion: TimestampSuggestion): string {
  if (suggestion.nextDay === undefined) return suggestion.detail;
  return `${suggestion.detail} (${suggestion.nextDay ? 'the next day' : 'the day before'})`;
}

/**
 * The next timeline timestamp, written like the entry above the cursor (see `suggestNextTimestamps` for which
 * times). `withLead`: the line is empty, so the entry's bullet (`- `, `  * `, the next number of a list) is written too.
 */
function timestampCompletions(model: PostmortemDocument, position: Position, from: number, kind: 'list' | 'lines' | 'any', withLead: boolean, options: CompletionOptions): CompletionItem[] {
  const previous = entryAbove(model, position.line);
  if (!previous) return kind === 'lines' ? [] : firstEntryCompletions(model, position, from, withLead, options);
  if (previous.kind === 'headings' || previous.kind === 'table') return [];
  if (kind !== 'any' && previous.kind !== kind) return [];
  const lead = withLead ? nextLead(previous.format.lead) : '';
  const range = { start: { line: position.line, character: from }, end: position };
  const padHour = padsHours(model, previous);
  return orderedSuggestions(model, previous, options).map((suggestion, index) => {
    const parts = stampParts(previous, suggestion.clock, suggestion, padHour);
    const label = `${lead}${parts.open}${parts.time}${parts.close}`;
    return timestampItem(label, detailOf(suggestion), range, `${escapeSnippet(lead)}${stampSnippet(parts, suggestion.placeholder)} $0`, sortOf(index), {
      ...(index === 0 ? { preselect: true } : {}),
      ...(suggestion.documentation ? { documentation: suggestion.documentation } : {}),
    });
  });
}

/** `0`, `1`, …: items keep the order they are suggested in. */
function sortOf(index: number): string {
  return String(index).padStart(3, '0');
}

/** The usual first timeline bullet, `- **14:05 UTC:** `, in a timeline section that has no entries yet. */
const FIRST_ENTRY_FORMAT: TimestampFormat = { lead: '- ', emphasis: '**', brackets: '', padHour: true, hasSeconds: false, zoneText: '', punctuation: ':', after: '' };

/** In a Timeline (or Leadup) section without entries: now and the times the prose mentions, as the first entry. */
function firstEntryCompletions(model: PostmortemDocument, position: Position, from: number, withLead: boolean, options: CompletionOptions): CompletionItem[] {
  const index = sectionIndexAt(model, position.line);
  const section = index === undefined ? undefined : model.sections[index];
  if (!section || model.timeline.some((entry) => entry.section === index)) return [];
  const names = [section.heading.toLowerCase(), ...(section.match?.names ?? [])];
  if (!names.some((name) => /\b(timeline|lead-?up)\b/.test(name))) return [];
  // A timeline needs a zone (PM009): UTC unless the document or the settings name another.
  const zone = model.declaredZone?.zone ?? options.zone ?? 'UTC';
  const format = zone.includes('/') ? { ...FIRST_ENTRY_FORMAT, punctuation: '', after: ':' } : { ...FIRST_ENTRY_FORMAT, zoneText: ` ${zone}` };
  const lead = withLead ? format.lead : '';
  const range = { start: { line: position.line, character: from }, end: position };
  const suggestions = suggestFirstTimestamps(model, zone, { now: options.now ?? new Date(), ...addedLine(options) });
  const placeholder: TimestampSuggestion = { clock: { hour: 0, minute: 0 }, placeholder: true, detail: 'First timeline entry', kind: 'previous' };
  return [...suggestions, placeholder].map((suggestion, i) => {
    const parts = stampParts({ format }, suggestion.clock);
    const label = `${lead}${parts.open}${parts.time}${parts.close}`;
    return timestampItem(label, detailOf(suggestion), range, `${escapeSnippet(lead)}${stampSnippet(parts, suggestion.placeholder)} $0`, sortOf(i), {
      ...(suggestion.documentation ? { documentation: suggestion.documentation } : {}),
    });
  });
}

/** The line the model's text lacks, if any: mentions below it are one line further down (typedBullet.ts). */
function addedLine(options: CompletionOptions): { addedLine?: number } {
  return options.typedLine?.addedLine !== undefined ? { addedLine: options.typedLine.addedLine } : {};
}

/**
 * The innermost section the line is in: the last heading above it, or the heading that encloses that one. Asked for
 * a bullet or an empty line, which never starts a heading: a heading on the line itself is one the model sees
 * below a line typed since (typedBullet.ts).
 */
function sectionIndexAt(model: PostmortemDocument, line: number): number | undefined {
  const open: number[] = [];
  for (const [index, section] of model.sections.entries()) {
    if (section.range.start.line >= line) break;
    while (open.length > 0 && model.sections[open[open.length - 1]!]!.level >= section.level) open.pop();
    open.push(index);
  }
  return open[open.length - 1];
}

/** `1. ` → `2. `; bullets stay as they are. */
function nextLead(lead: string): string {
  return lead.replace(/^(\s*)(\d{1,9})([.)])/, (_, indent: string, n: string, delimiter: string) => `${indent}${Number(n) + 1}${delimiter}`);
}

/**
 * `### <time>` on a heading line under a timeline of timestamp headings. It comes first when the heading right above
 * the cursor is the timestamp heading; later when a sub-heading lies between, still inside the same run.
 */
function headingTimestampCompletion(model: PostmortemDocument, position: Position, options: CompletionOptions): { items: CompletionItem[]; first: boolean } | undefined {
  let previous: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= position.line) break;
    if (entry.kind === 'headings') previous = entry;
  }
  if (!previous) return undefined;
  const level = previous.format.lead.trim().length;
  let headingAbove: { line: number; level: number } | undefined;
  for (const section of model.sections) {
    if (section.range.start.line >= position.line) break;
    if (section.range.start.line > previous.range.start.line && section.level < level) return undefined;
    headingAbove = { line: section.range.start.line, level: section.level };
  }
  const first = headingAbove?.line === previous.range.start.line;
  const lead = previous.format.lead;
  const range = { start: { line: position.line, character: 0 }, end: position };
  const padHour = padsHours(model, previous);
  const heading = previous;
  const items = orderedSuggestions(model, heading, options).map((suggestion, index) => {
    const parts = stampParts(heading, suggestion.clock, suggestion, padHour);
    const label = `${lead}${parts.open}${parts.time}${parts.close}`;
    const newText = `${escapeSnippet(lead)}${stampSnippet(parts, suggestion.placeholder)}\n\n$0`;
    return timestampItem(label, detailOf(suggestion), range, newText, `${first ? ' ' : '~'}${sortOf(index)}`, index === 0 && first ? { preselect: true } : {});
  });
  return { items, first };
}

/** `| <time> | |`: a new row on the empty line right under a timeline table, or on a row being typed (`|`) in it. */
function tableRowCompletion(model: PostmortemDocument, position: Position, options: CompletionOptions): CompletionItem[] | undefined {
  const timeline = model.timelines.find(
    (t) => t.table && t.range.start.line + 2 <= position.line && position.line <= t.range.end.line + 1,
  );
  const table = timeline?.table;
  if (!timeline || !table) return undefined;
  // Only a new row: after the cursor there may be nothing but an editor's closing pipe.
  const lineEnd = model.document.offsetAt({ line: position.line + 1, character: 0 });
  const rest = model.document.getText().slice(model.document.offsetAt(position), lineEnd);
  if (!/^[\s|]*$/.test(rest)) return undefined;
  let previous: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= position.line) break;
    if (entry.timelineId === timeline.id) previous = entry;
  }
  if (!previous) return undefined;
  const row = previous;
  const dateText = table.dateColumn !== undefined && row.dateSource === 'column' && row.dateRange ? model.document.getText(row.dateRange) : '';
  // The whole line is replaced: what is typed (`|`, `| 14`) and an editor's closing pipe after the cursor.
  const end = model.document.positionAt(model.document.offsetAt(position) + rest.replace(/[\r\n]+$/, '').length);
  const range = { start: { line: position.line, character: 0 }, end };
  const padHour = padsHours(model, row);
  return orderedSuggestions(model, row, options).map((suggestion, index) => {
    const parts = stampParts(row, suggestion.clock, suggestion, padHour);
    const date = suggestion.date && row.date && dateText ? (rewriteDatePrefix(dateText, row.date, suggestion.date) ?? dateText) : dateText;
    const cells: string[] = [];
    const labelCells: string[] = [];
    let cursorPlaced = false;
    for (let column = 0; column < table.columns; column++) {
      if (column === table.timeColumn) {
        cells.push(stampSnippet(parts, suggestion.placeholder));
        labelCells.push(`${parts.open}${parts.time}${parts.close}`);
      } else if (column === table.dateColumn) {
        cells.push(escapeSnippet(date));
        labelCells.push(date);
      } else {
        cells.push(cursorPlaced ? '' : '$0');
        labelCells.push('');
        cursorPlaced = true;
      }
    }
    return timestampItem(`| ${labelCells.join(' | ')} |`, detailOf(suggestion), range, `| ${cells.join(' | ')} |`, sortOf(index), index === 0 ? { preselect: true } : {});
  });
}

// `- **Why?** `, `2. Why?`, `* __Why?__:`: the lead and the marker of a step of the five whys, as the document writes it.
const whyStyle = /^(\s*(?:[-*+]|\d{1,9}[.)])\s+)?((?:\*\*|__)?why\??(?:\*\*|__)?:?)(?=\s|$)/i;

/**
 * `**Why?** ` on a new bullet in a five-whys section, written like the steps above it (numbered lists continue their
 * numbering). On an empty line it comes with the bullet, but only right under a list item, where a step is next.
 */
function whyCompletions(model: PostmortemDocument, position: Position, from: number, withLead: boolean): CompletionItem[] {
  const index = sectionIndexAt(model, position.line);
  const section = index === undefined ? undefined : model.sections[index];
  if (!section || !isFiveWhysSection(section)) return [];
  const steps = model.whys.filter((why) => why.section === index && why.range.start.line < position.line);
  const last = steps[steps.length - 1];
  const style = last ? whyStyle.exec(model.document.getText({ start: { line: last.range.start.line, character: 0 }, end: { line: last.range.start.line + 1, character: 0 } })) : null;
  const marker = style?.[2] ?? '**Why?**';
  if (withLead) {
    const above = lastLineWithText(model, position.line);
    if (above === undefined || !/^\s*(?:[-*+]|\d{1,9}[.)])\s/.test(above)) return [];
  }
  const lead = withLead ? nextLead(style?.[1] ?? '- ') : '';
  const previousStep = last ? last.text.replace(/^[\s*_]*why\??[*_]*:?\s*/i, '') : undefined;
  return [
    {
      label: `${lead}${marker}`,
      kind: CompletionItemKind.Keyword,
      detail: `Why #${steps.length + 1}${previousStep ? `: why did “${truncateWords(previousStep, 8)}” happen?` : ''}`,
      filterText: `${lead}${marker}`,
      sortText: '100',
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range: { start: { line: position.line, character: from }, end: position }, newText: `${escapeSnippet(lead + marker)} $0` },
    },
  ];
}

function lastLineWithText(model: PostmortemDocument, line: number): string | undefined {
  for (let l = line - 1; l >= Math.max(0, line - 2); l--) {
    const text = model.document.getText({ start: { line: l, character: 0 }, end: { line: l + 1, character: 0 } });
    if (text.trim() !== '') return text;
  }
  return undefined;
}

function truncateWords(text: string, count: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, count).join(' ') + (words.length > count ? '…' : '');
}

// The word being typed at the cursor, with an `@` before it when it is a mention.
const wordBeforeCursor = /(@?)([\p{L}\p{N}_][\p{L}\p{N}_'’.-]{0,60})?$/u;
const NAME_SOURCES = { mention: 'Mentioned in this postmortem', owner: 'Owns an action item', metadata: 'Named in the metadata', responder: 'Named in the Response section' } as const;

/**
 * Names the document already uses (responders, @mentions, owners, authors), at the word being typed: asked for
 * (Ctrl+Space), while typing a word, or after `@` (mentions only). A space or `#` never brings them up.
 */
function nameCompletions(model: PostmortemDocument, position: Position, linePrefix: string, options: CompletionOptions): CompletionItem[] {
  if (options.triggerCharacter !== undefined && options.triggerCharacter !== '@') return [];
  // Only the end of the line can hold the word: a long line costs no more than a short one.
  const typed = wordBeforeCursor.exec(linePrefix.slice(-64))!;
  const at = typed[1] === '@';
  const word = typed[2] ?? '';
  const offset = model.document.offsetAt(position);
  if ([...model.codeSpans, ...model.htmlSpans].some(([start, end]) => offset > start && offset < end)) return [];
  const typedText = `${typed[1]}${word}`;
  const range = { start: { line: position.line, character: position.character - typedText.length }, end: position };
  return knownNames(model)
    .filter((name) => (at ? name.text.startsWith('@') : true))
    .filter((name) => !(name.count === 1 && (name.text === typedText || name.text === word)))
    .map((name, index) => ({
      label: name.text,
      kind: CompletionItemKind.Reference,
      detail: NAME_SOURCES[name.source],
      filterText: name.text,
      sortText: `2${String(index).padStart(3, '0')}`,
      textEdit: { range, newText: name.text },
    }));
}

/** The timeline entry that ends just above `line`, with at most one blank line between. */
function entryAbove(model: PostmortemDocument, line: number): TimelineEntry | undefined {
  let best: TimelineEntry | undefined;
  for (const entry of model.timeline) {
    if (entry.range.start.line >= line) break;
    best = entry;
  }
  if (!best) return undefined;
  // The cursor's own line may have been parsed into the entry (a bullet, a continuation line); what lies between must be blank.
  const lastLineOfEntry = Math.min(best.range.end.line, line - 1);
  const gap = model.document.getText({ start: { line: lastLineOfEntry + 1, character: 0 }, end: { line, character: 0 } });
  return line - lastLineOfEntry <= 2 && gap.trim() === '' ? best : undefined;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}
