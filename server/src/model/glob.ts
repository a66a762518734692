/**
 * Globs matched without backtracking. picomatch turns a glob into a regular expression, and V8 tries the ways its
 * `*` runs can split a name one after another: `*q*q*q*q*q*q*q*q*z` against a 250-character name ran for minutes,
 * and a repo's `.postmortem.yaml` or settings choose the globs. Here a glob is compiled to a small automaton whose
 * states are all followed at once, one character of the path at a time (Thompson's construction): the work is at
 * most the glob's length times the path's, whatever the glob.
 *
 * The syntax is VS Code's: `/` separates folders, `*` is any run of characters but `/`, `?` one of them, `**` as a
 * whole segment any number of folders (none included), `[abc]`, `[a-z]`, `[!a]` or `[^a]` one character of (or not
 * of) a set, `{a,b}` either (nested, with `/` inside if need be), `\` makes the next character literal, a leading
 * `!` negates the glob and a leading `./` is dropped. Globs picomatch read otherwise (extglobs, groups, POSIX
 * classes, ranges, `**` inside a name) are refused, and globProblem says why, rather than matched differently. Where
 * picomatch is not consistent, this is: `[!a]` is a negated set, and `x*` then `/**` at the end matches `xy` as
 * `a/**` matches `a`.
 */

/** Longer globs are refused: the matching work grows with the glob's length. */
export const MAX_GLOB_LENGTH = 1000;

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `is longer than ${MAX_GLOB_LENGTH} characters`;
  try {
    compile(glob, false);
    return undefined;
  } catch (error) {
    if (error instanceof GlobSyntaxError) return error.message;
    throw error;
  }
}

/**
 * A matcher for paths relative to a folder, with `/`: true when any of the globs matches (a negated glob matches
 * what its glob does not). Globs with a problem match nothing.
 */
export function globMatcher(globs: readonly string[], options: { nocase?: boolean } = {}): (path: string) => boolean {
  const nocase = options.nocase === true;
  const positive: Program[] = [];
  const negated: Program[] = [];
  for (const glob of globs) {
    if (globProblem(glob) !== undefined) continue;
    const { program, negate } = compile(glob, nocase);
    (negate ? negated : positive).push(program);
  }
  // One automaton for all the globs that are not negated: the path is walked once for them together.
  const union = positive.length > 0 ? new Automaton(unionOf(positive)) : undefined;
  const negations = negated.map((program) => new Automaton(program));
  return (path) => {
    const text = nocase ? path.toLowerCase() : path;
    if (union?.matches(text)) return true;
    return negations.some((automaton) => !automaton.matches(text));
  };
}

class GlobSyntaxError extends Error {}

// ---- Parsing: the glob as a sequence of items, alternatives nested. ----

type Item =
  | { kind: 'char'; char: string }
  | { kind: 'slash' }
  | { kind: 'one' }
  | { kind: 'star' }
  | { kind: 'globstar' }
  | { kind: 'set'; negated: boolean; ranges: Array<[string, string]> }
  | { kind: 'either'; alternatives: Item[][] };

class Parser {
  private at = 0;
  private readonly braces: Braces;

  constructor(
    private readonly glob: string,
    private readonly nocase: boolean,
  ) {
    this.braces = bracesOf(glob);
  }

  /** Items up to the end, or up to the `,` or `}` of the brace that opens at `brace` (which ends the alternative). */
  sequence(brace = -1): Item[] {
    const items: Item[] = [];
    const { glob } = this;
    while (this.at < glob.length) {
      const c = glob[this.at]!;
      if (brace >= 0 && (c === ',' || c === '}') && this.braces.owner.get(this.at) === brace) break;
      if (c === '\\') {
        this.at += 2;
        items.push(this.char(glob[this.at - 1] ?? '\\'));
      } else if (c === '/') {
        this.at++;
        items.push({ kind: 'slash' });
      } else if (c === '?' || c === '*' || c === '+' || c === '@' || c === '!') {
        if (glob[this.at + 1] === '(') throw new GlobSyntaxError(`uses an extglob (${c}(…)), which is not supported: use {a,b}`);
        if (c === '*' && glob[this.at + 1] === '*') items.push(this.globstar());
        else {
          this.at++;
          items.push(c === '?' ? { kind: 'one' } : c === '*' ? { kind: 'star' } : this.char(c));
        }
      } else if (c === '(' || c === ')') {
        throw new GlobSyntaxError('uses parentheses, which are not supported: use {a,b} for either, \\( for a parenthesis');
      } else if (c === '[') {
        items.push(this.set() ?? (this.at++, this.char('[')));
      } else if (c === '{') {
        items.push(this.either() ?? (this.at++, this.char('{')));
      } else {
        this.at++;
        items.push(this.char(c));
      }
    }
    return items;
  }

  private char(c: string): Item {
    return { kind: 'char', char: this.nocase ? c.toLowerCase() : c };
  }

  // `**`, which must be a whole segment: at the start or after a slash, and at the end or before one.
  private globstar(): Item {
    const { glob } = this;
    const before = glob[this.at - 1];
    let end = this.at;
    while (glob[end] === '*') end++;
    const after = glob[end];
    if (end - this.at > 2 || (before !== undefined && before !== '/') || (after !== undefined && after !== '/')) {
      throw new GlobSyntaxError('has ** inside a folder or file name: ** stands for whole folders (**/*.md); use * within a name');
    }
    this.at = end;
    return { kind: 'globstar' };
  }

  /** `[…]` from `this.at`, or undefined when it is not closed (then `[` is a character). */
  private set(): Item | undefined {
    const end = setEnd(this.glob, this.at);
    if (end < 0) return undefined;
    const { glob } = this;
    let i = this.at + 1;
    const negated = glob[i] === '!' || glob[i] === '^';
    if (negated) i++;
    const ranges: Array<[string, string]> = [];
    while (i < end) {
      if (glob[i] === '[' && glob[i + 1] === ':') throw new GlobSyntaxError('uses a POSIX class such as [[:alpha:]], which is not supported: use [a-z]');
      let from = glob[i]!;
      if (from === '\\') from = glob[++i]!;
      i++;
      let to = from;
      if (glob[i] === '-' && i + 1 < end) {
        to = glob[i + 1]!;
        if (to === '\\') to = glob[++i + 1]!;
        i += 2;
      }
      ranges.push([from, to]);
    }
    this.at = end + 1;
    return { kind: 'set', negated, ranges };
  }

  /** `{a,b}` from `this.at`, or undefined when it has no comma or is not closed (then `{` is a character). */
  private either(): Item | undefined {
    const start = this.at;
    if (/^\{(?:-?\d+|[a-zA-Z])\.\.(?:-?\d+|[a-zA-Z])(?:\.\.-?\d+)?\}/.test(this.glob.slice(start, start + 40))) {
      throw new GlobSyntaxError('uses a range such as {1..3}, which is not supported: list the values, {1,2,3}');
    }
    if (!this.braces.alternation.has(start)) return undefined;
    this.at++;
    const alternatives: Item[][] = [this.sequence(start)];
    while (this.glob[this.at] === ',') {
      this.at++;
      alternatives.push(this.sequence(start));
    }
    this.at++;
    return { kind: 'either', alternatives };
  }
}

interface Braces {
  /** The `{` that open an alternation: closed, with a comma of their own. */
  alternation: Set<number>;
  /** The `{` each `,` and `}` belongs to. */
  owner: Map<number, number>;
}

/**
 * Which braces are alternations, found in one pass before parsing: deciding it while parsing (parse the inside,
 * and read `{` as a character when no `}` or `,` turns up) parsed nested braces over and over, twice as long for
 * each more `{`.
 */
function bracesOf(glob: string): Braces {
  const open: number[] = [];
  const commas = new Set<number>();
  const owner = new Map<number, number>();
  const alternation = new Set<number>();
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\') i++;
    else if (c === '[') i = Math.max(i, setEnd(glob, i));
    else if (c === '{') open.push(i);
    else if (c === ',' && open.length > 0) {
      owner.set(i, open[open.length - 1]!);
      commas.add(open[open.length - 1]!);
    } else if (c === '}' && open.length > 0) {
      const start = open.pop()!;
      owner.set(i, start);
      if (commas.has(start)) alternation.add(start);
    }
  }
  return { alternation, owner };
}

/** Where the set `[…]` opening at `start` closes, or -1 when it does not (then `[` is a character). */
function setEnd(glob: string, start: number): number {
  let i = start + 1;
  if (glob[i] === '!' || glob[i] === '^') i++;
  // A `]` first in the set is one of its characters.
  if (glob[i] === ']') i++;
  for (; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === ']') return i;
  }
  return -1;
}

// ---- The automaton: nodes that read one character, and splits that go two ways without reading. ----

type Node =
  | { kind: 'char'; char: string; next: number }
  /** Any character but `/`, or (`slash`) any at all. */
  | { kind: 'any'; slash: boolean; next: number }
  | { kind: 'set'; negated: boolean; ranges: Array<[string, string]>; nocase: boolean; next: number }
  | { kind: 'split'; next: number; other: number }
  | { kind: 'match' };

interface Program {
  nodes: Node[];
  start: number;
}

function compile(glob: string, nocase: boolean): { program: Program; negate: boolean } {
  let body = glob;
  let negate = false;
  while (body.startsWith('!') && body[1] !== '(') {
    negate = !negate;
    body = body.slice(1);
  }
  while (body.startsWith('./')) body = body.slice(2);
  const items = new Parser(body, nocase).sequence();
  const nodes: Node[] = [{ kind: 'match' }];
  return { program: { nodes, start: emitSequence(nodes, items, 0, nocase) }, negate };
}

// `**` as a whole segment, with the slash beside it: `**` and a slash is whole folders or nothing, as the regex
// (.*\/)? would be; a slash and `**` at the end is nothing, or a slash and anything, (\/.*)? (so `a/**` matches `a`);
// `**` alone is anything.
type Step = Exclude<Item, { kind: 'globstar' }> | { kind: 'folders' } | { kind: 'tail' } | { kind: 'anything' };

function steps(given: Item[]): Step[] {
  // `**` and a slash before another `**` are the same as that one alone (so that `a/**` and more `**` still match `a`).
  const items = given.filter((item, i) => !(item.kind === 'globstar' && given[i + 1]?.kind === 'slash' && given[i + 2]?.kind === 'globstar') && !(item.kind === 'slash' && given[i - 1]?.kind === 'globstar' && given[i + 1]?.kind === 'globstar'));
  const result: Step[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.kind === 'globstar') {
      if (items[i + 1]?.kind === 'slash') {
        result.push({ kind: 'folders' });
        i++;
      } else result.push({ kind: 'anything' });
    } else if (item.kind === 'slash' && items[i + 1]?.kind === 'globstar' && i + 2 === items.length) {
      result.push({ kind: 'tail' });
      i++;
    } else result.push(item);
  }
  return result;
}

/** Emits the nodes of `items` ending in `next`, back to front, and returns where they start. */
function emitSequence(nodes: Node[], items: Item[], next: number, nocase: boolean): number {
  const add = (node: Node) => nodes.push(node) - 1;
  // A split that either reads one more character and comes back, or goes on to `after`.
  const loop = (slash: boolean, after: number) => {
    const split = add({ kind: 'split', next: -1, other: after });
    (nodes[split] as { next: number }).next = add({ kind: 'any', slash, next: split });
    return split;
  };
  for (const step of steps(items).reverse()) {
    switch (step.kind) {
      case 'char':
        next = add({ kind: 'char', char: step.char, next });
        break;
      case 'slash':
        next = add({ kind: 'char', char: '/', next });
        break;
      case 'one':
        next = add({ kind: 'any', slash: false, next });
        break;
      case 'star':
        next = loop(false, next);
        break;
      case 'set':
        next = add({ kind: 'set', negated: step.negated, ranges: step.ranges, nocase, next });
        break;
      case 'either': {
        const starts = step.alternatives.map((alternative) => emitSequence(nodes, alternative, next, nocase));
        next = starts.reduceRight((other, start) => add({ kind: 'split', next: start, other }));
        break;
      }
      case 'folders':
        next = add({ kind: 'split', next: loop(true, add({ kind: 'char', char: '/', next })), other: next });
        break;
      case 'tail':
        next = add({ kind: 'split', next: add({ kind: 'char', char: '/', next: loop(true, next) }), other: next });
        break;
      case 'anything':
        next = loop(true, next);
        break;
    }
  }
  return next;
}

/** One automaton that matches when any of `programs` does. */
function unionOf(programs: Program[]): Program {
  const nodes: Node[] = [];
  const starts = programs.map((program) => {
    const offset = nodes.length;
    for (const node of program.nodes) {
      if (node.kind === 'match') nodes.push(node);
      else if (node.kind === 'split') nodes.push({ ...node, next: node.next + offset, other: node.other + offset });
      else nodes.push({ ...node, next: node.next + offset });
    }
    return program.start + offset;
  });
  const start = starts.reduceRight((other, first) => nodes.push({ kind: 'split', next: first, other }) - 1);
  return { nodes, start };
}

/**
 * How much of what it met an automaton keeps: sets of states, and their states counted together (a set can hold
 * thousands). Past either, a move is worked out each time it is made, which costs the same as the first time.
 */
const MAX_CACHED_SETS = 2000;
const MAX_CACHED_STATES = 200_000;

interface StateSet {
  /** The reading nodes (and the match node) the automaton can be in, in order. */
  nodes: number[];
  accepts: boolean;
  /** The set each character leads to, once worked out. */
  moves: Map<string, StateSet>;
}

/**
 * Runs a program over paths, following every state it can be in at once. The sets of states met are kept with the
 * moves between them (a DFA built as paths need it): the default globs, 25 of them, cost a few map lookups per
 * character after the first paths instead of a walk over every active state.
 */
class Automaton {
  private readonly sets = new Map<string, StateSet>();
  private cachedStates = 0;
  private readonly initial: StateSet;
  /** The step at which each node was last added to a set, so that it is added once. */
  private readonly added: Int32Array;
  private step = 0;

  constructor(private readonly program: Program) {
    this.added = new Int32Array(program.nodes.length);
    this.initial = this.setOf(this.closure([program.start]));
  }

  matches(text: string): boolean {
    let set = this.initial;
    for (let i = 0; i < text.length && set.nodes.length > 0; i++) {
      const c = text[i]!;
      let next = set.moves.get(c);
      if (!next) {
        next = this.move(set, c);
        if (this.caching()) set.moves.set(c, next);
      }
      set = next;
    }
    return set.accepts;
  }

  private move(set: StateSet, c: string): StateSet {
    const targets: number[] = [];
    for (const index of set.nodes) {
      const node = this.program.nodes[index]!;
      if (node.kind !== 'match' && node.kind !== 'split' && reads(node, c)) targets.push(node.next);
    }
    return this.setOf(this.closure(targets));
  }

  /** The reading and match nodes reached from `from` without reading, in order. */
  private closure(from: number[]): number[] {
    const { nodes } = this.program;
    // The marks are 32-bit: start them again before the count would wrap (a long-lived matcher could get there).
    if (this.step === 0x7fffffff) {
      this.added.fill(0);
      this.step = 0;
    }
    const step = ++this.step;
    const result: number[] = [];
    const stack = [...from];
    while (stack.length > 0) {
      const index = stack.pop()!;
      if (this.added[index] === step) continue;
      this.added[index] = step;
      const node = nodes[index]!;
      if (node.kind === 'split') stack.push(node.other, node.next);
      else result.push(index);
    }
    return result.sort((a, b) => a - b);
  }

  private setOf(nodes: number[]): StateSet {
    const key = nodes.join(',');
    const known = this.sets.get(key);
    if (known) return known;
    const set = { nodes, accepts: nodes.some((index) => this.program.nodes[index]!.kind === 'match'), moves: new Map<string, StateSet>() };
    if (this.caching()) {
      this.sets.set(key, set);
      this.cachedStates += nodes.length;
    }
    return set;
  }

  private caching(): boolean {
    return this.sets.size < MAX_CACHED_SETS && this.cachedStates < MAX_CACHED_STATES;
  }
}

function reads(node: Exclude<Node, { kind: 'match' | 'split' }>, c: string): boolean {
  switch (node.kind) {
    case 'char':
      return node.char === c;
    case 'any':
      return node.slash || c !== '/';
    case 'set': {
      if (c === '/') return false;
      const candidates = node.nocase ? [c, c.toUpperCase()] : [c];
      const inSet = node.ranges.some(([from, to]) => candidates.some((candidate) => candidate >= from && candidate <= to));
      return inSet !== node.negated;
    }
  }
}
