import type { TemplateSection } from '../templates/template';
import type { PostmortemDocument } from './types';

/** An RST title style: its adornment character, and whether it has an overline as well as an underline. */
export interface RstStyle {
  char: string;
  overline: boolean;
}

// docutils' suggested order; a new level takes the first style no other level uses.
const PREFERRED = ['=', '-', '~', '^', '"', "'", '`', '#', '*', '+', ':', '.', '_'];
const adornment = /^([!-/:-@[-`{-~])\1*[ \t]*$/;
const plainUnderline = /^[ \t]*([=-])\1{2,}[ \t]*$/;

/**
 * The lines of a new template section (heading, blank, prompt, blank) written the way this document writes
 * headings: `## Heading` in Markdown; in reStructuredText the heading underlined (and overlined) with the adornment
 * the document uses for that level, as long as the heading is wide; in plain text the heading on its own line, with
 * an underline and emoji only where the document's headings have them.
 */
export function sectionBlock(model: PostmortemDocument, section: TemplateSection): string[] {
  const languageId = model.document.languageId;
  if (languageId === 'restructuredtext') {
    const style = rstStyleFor(model, section.level);
    const rule = style.char.repeat(Math.max(displayWidth(section.heading), 1));
    const prompt = section.prompt ? [`*${section.prompt}*`, ''] : [];
    return [...(style.overline ? [rule] : []), section.heading, rule, '', ...prompt];
  }
  if (languageId === 'plaintext') {
    const written = model.sections.filter((present) => present.match);
    const withEmoji = written.some((present) => /^[^\p{L}\p{N}]/u.test(present.heading));
    const heading = withEmoji || written.length === 0 ? section.heading : section.heading.replace(/^[^\p{L}\p{N}]+/u, '').trim() || section.heading;
    const underline = written.map((present) => plainUnderline.exec(lineText(model, present.range.start.line + 1))?.[1]).find(Boolean);
    const starred = written.some((present) => present.prompt && lineText(model, present.prompt.range.start.line).trim().startsWith('*'));
    const prompt = section.prompt ? [starred ? `*${section.prompt}*` : section.prompt, ''] : [];
    return [heading, ...(underline ? [underline.repeat(Math.max(displayWidth(heading), 3))] : []), '', ...prompt];
  }
  return [`${'#'.repeat(section.level)} ${section.heading}`, '', ...(section.prompt ? [`*${section.prompt}*`, ''] : [])];
}

/** The first line of the heading on `line`: its overline, for an RST title that has one. */
export function headingStartLine(model: PostmortemDocument, line: number): number {
  if (model.document.languageId !== 'restructuredtext' || line === 0) return line;
  const over = adornment.exec(lineText(model, line - 1))?.[1];
  const under = adornment.exec(lineText(model, line + 1))?.[1];
  return over !== undefined && over === under ? line - 1 : line;
}

/**
 * The style the document gives headings of `level` (its title is level 1), measured from the adornment around the
 * title and the section headings; for a level it does not use yet, the first style in docutils' order that no other
 * level uses.
 */
export function rstStyleFor(model: PostmortemDocument, level: number): RstStyle {
  const used = new Map<number, RstStyle>();
  const measure = (line: number, at: number) => {
    const under = adornment.exec(lineText(model, line + 1))?.[1];
    if (under === undefined || used.has(at)) return;
    const over = line > 0 ? adornment.exec(lineText(model, line - 1))?.[1] : undefined;
    used.set(at, { char: under, overline: over === under });
  };
  if (model.title?.source === 'heading') measure(model.title.range.start.line, 1);
  for (const section of model.sections) measure(section.range.start.line, section.level);
  const found = used.get(level);
  if (found) return found;
  const taken = new Set([...used.entries()].filter(([at]) => at !== level).map(([, style]) => `${style.overline ? 'o' : 'u'}${style.char}`));
  const char = PREFERRED.find((candidate) => !taken.has(`u${candidate}`)) ?? '=';
  return { char, overline: false };
}

/**
 * Columns the text takes in a monospaced editor, at least what docutils counts: emoji and East Asian wide
 * characters two, joiners, variation selectors and combining marks none.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(char)) continue;
    const code = char.codePointAt(0)!;
    const wide =
      /[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}]/u.test(char) ||
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

function lineText(model: PostmortemDocument, line: number): string {
  if (line < 0 || line >= model.document.lineCount) return '';
  return model.document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
}
