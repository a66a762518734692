import type { Root } from 'mdast';
import { endOf, startOf, type Source } from './source';
import type { FrontMatter } from './types';
import { parseFrontMatterYaml } from './yaml';

/** The YAML block at the top, parsed as YAML 1.2 (the library's default) so `date: 2020-12-11` stays a string. */
export function readFrontMatter(root: Root, source: Source): FrontMatter | undefined {
  const node = root.children[0];
  if (node?.type !== 'yaml') return undefined;
  const range = source.nodeRange(node);
  const valueStart = source.text.indexOf(node.value, startOf(node) + 3);
  // YAML knows no line ending of a lone CR (old Mac files): read as LF, which keeps every offset where it was.
  const parsed = parseFrontMatterYaml(node.value.replace(/\r(?!\n)/g, '\n'));
  const error = parsed.errors[0];
  if (error) {
    const [from, to] = error.pos.map((pos) => valueStart + pos) as [number, number];
    return { data: undefined, range, error: { message: error.message.split('\n')[0]!, range: source.range(from, Math.min(Math.max(to, from), endOf(node))) } };
  }
  let data: unknown;
  try {
    data = parsed.toJS({ maxAliasCount: 100 });
  } catch (cause) {
    // An alias to no anchor, or an alias bomb: the YAML parses but cannot become data.
    return { data: undefined, range, error: { message: cause instanceof Error ? cause.message : String(cause), range } };
  }
  if (data === null || data === undefined) return { data: {}, range };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return { data: undefined, range, error: { message: 'Front matter should be a mapping of keys to values (`title: …`).', range } };
  }
  return { data: data as Record<string, unknown>, range };
}
