import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import type { Unchanged } from './model/incremental';

interface Step extends Unchanged {
  from: number;
  to: number;
}

/**
 * A change whose range lies past the end of the document, or runs backwards, clamped as LSP says (a position past
 * the end of a line or of the document is its end). TextDocument.update does not clamp: its line table would be
 * corrupted for good.
 */
function clamped(document: TextDocument, change: TextDocumentContentChangeEvent): TextDocumentContentChangeEvent {
  if (!('range' in change)) return change;
  const start = document.offsetAt(change.range.start);
  const end = document.offsetAt(change.range.end);
  const [from, to] = start <= end ? [start, end] : [end, start];
  return { range: { start: document.positionAt(from), end: document.positionAt(to) }, text: change.text };
}

/** Steps kept per document: more than a burst of keystrokes between two parses ever needs. */
const MAX_STEPS = 256;

/**
 * What each change of an open document left alone, from the ranges the editor sent. The incremental parser would
 * otherwise find the unchanged start and end by comparing the old and new texts, ~1.5 ms at 500 KB per keystroke.
 */
export class EditLog {
  private readonly steps = new Map<string, Step[]>();

  /** Applies `changes` as TextDocument.update does (in place), noting what they left unchanged. */
  update(document: TextDocument, changes: TextDocumentContentChangeEvent[], version: number): TextDocument {
    const from = document.version;
    let text = document;
    let prefix = Infinity;
    let suffix = Infinity;
    for (const raw of changes) {
      const change = clamped(text, raw);
      const length = text.getText().length;
      if ('range' in change) {
        prefix = Math.min(prefix, text.offsetAt(change.range.start));
        suffix = Math.min(suffix, length - text.offsetAt(change.range.end));
      } else {
        prefix = 0;
        suffix = 0;
      }
      text = TextDocument.update(text, [change], version);
    }
    this.record(document.uri, { from, to: version, prefix: Math.max(0, prefix), suffix: Math.max(0, suffix) });
    return text;
  }

  /** What stayed the same from version `from` to version `to`, or undefined when a step between them is unknown. */
  window(uri: string, from: number, to: number): Unchanged | undefined {
    if (from === to) return undefined;
    const steps = this.steps.get(uri) ?? [];
    let at = from;
    let prefix = Infinity;
    let suffix = Infinity;
    for (const step of steps) {
      if (step.from !== at) continue;
      prefix = Math.min(prefix, step.prefix);
      suffix = Math.min(suffix, step.suffix);
      at = step.to;
      if (at === to) return { prefix, suffix };
    }
    return undefined;
  }

  /** Steps up to `version` are no longer needed: the parse has reached it. */
  reached(uri: string, version: number): void {
    const steps = this.steps.get(uri);
    if (steps) this.steps.set(uri, steps.filter((step) => step.to > version));
  }

  forget(uri: string): void {
    this.steps.delete(uri);
  }

  private record(uri: string, step: Step): void {
    const steps = this.steps.get(uri) ?? [];
    steps.push(step);
    if (steps.length > MAX_STEPS) steps.shift();
    this.steps.set(uri, steps);
  }
}
