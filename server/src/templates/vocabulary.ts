import { memoize } from '../model/memo';
import { normalizeSectionName } from '../model/normalize';

/**
 * What a section is about, whatever a team calls it: "Resolution", "Recovery" and "Mitigation" are one kind. Template
 * sections and document headings both get kinds, so a heading matches a template section it does not name exactly.
 */
export type SectionKind =
  | 'summary'
  | 'leadup'
  | 'fault'
  | 'impact'
  | 'detection'
  | 'response'
  | 'resolution'
  | 'timeline'
  | 'root-cause'
  | 'trigger'
  | 'five-whys'
  | 'lessons'
  | 'went-well'
  | 'went-wrong'
  | 'lucky'
  | 'action-items'
  | 'supporting'
  | 'messaging'
  | 'recurrence';

// Each pattern is matched against a whole normalised name (lower case, words separated by single spaces, numbering and
// filler words already taken off), so "impact" never matches "impact on the roadmap" in a design document.
const patterns: ReadonlyArray<[SectionKind, RegExp]> = [
  ['summary', /^(?:(?:executive |incident |event |outage )?summary(?: of (?:the )?(?:incident|event|events|outage|issue))?|overview|tl ?dr|synopsis|abstract|description|what happened|r[ée]sum[ée]|sommaire)$/],
  ['leadup', /^(?:lead ?up|what led to (?:the |this )?(?:incident|outage)|background|context)$/],
  ['fault', /^(?:fault|the fault|error manifestation)$/],
  ['impact', /^(?:(?:customer|user|business|service|data|security) )?impacts?(?: assessment| summary)?$|^(?:who was affected|effects?)$/],
  ['detection', /^(?:d[ée]tection|how (?:was it|it was|we) (?:detected|noticed|found)|how (?:did )?we (?:find|notice|found|noticed|detected)(?: it| out)?|why (?:it was )?hard to detect|discovery)$/],
  ['response', /^(?:(?:incident )?response|responders|who responded|escalation|r[ée]ponse)$/],
  ['resolution', /^(?:resolution|recovery|mitigation|mitigations|mitigation steps|details of mitigation|(?:the )?fix|(?:the )?solution|workaround|how (?:it was|we|was it) (?:fixed|resolved|mitigated)(?: it)?|restoration|r[ée]tablissement|r[ée]solution|short term (?:fix|fixes|solution|mitigation))$/],
  ['timeline', /^(?:\w+ ){0,2}timeline(?: .{0,60})?$|^(?:sequence of events|chronolog(?:y|ie)(?: d[ée]taill[ée]e)?|key events|events|history|timeline of events)$/],
  ['root-cause', /^(?:(?:blameless |technical |probable |likely )?root causes?(?: analysis)?|rca|causes?|contributing factors?|causes profondes|why did (?:it|this) happen|what caused (?:it|this|the (?:incident|outage|issue))|underlying causes?|root cause of .{1,60})$/],
  ['trigger', /^(?:triggers?|what triggered (?:it|this|the (?:incident|outage)))$/],
  ['five-whys', /^(?:(?:the )?(?:five|5) whys?(?: analysis)?|root cause identification(?: the (?:five|5) whys)?)$/],
  ['lessons', /^(?:lessons?(?: learn(?:ed|t))?|learnings?|what (?:we|i) learn(?:ed|t)|(?:key )?takeaways?|potential learnings|reflections?|le[cç]ons(?: apprises| tir[ée]es)?|how d we do|how did we do|retrospective)$/],
  ['went-well', /^(?:what (?:went|worked) (?:well|right)|things that went (?:well|right)|what worked|went well)$/],
  // (Apostrophes are gone by now: "didn't" reads "didnt".)
  ['went-wrong', /^(?:what (?:went (?:wrong|poorly|badly)|(?:didnt|did not) (?:go|work)(?: so)?(?: well)?|could have gone better|could (?:we |have )?(?:be )?(?:done|do) better)|things that went (?:wrong|poorly|badly)|went wrong)$/],
  ['lucky', /^(?:where we (?:got|were) lucky|lucky|luck)$/],
  ['action-items', /^(?:action (?:items?|points?|plan)|actions(?: taken| planned| items)?|follow ?ups?(?: (?:tasks|actions|items))?|(?:corrective|preventive|preventative)(?: and (?:corrective|preventive|preventative))? (?:actions|measures)|remediations?(?: (?:items|plan|actions))?|next steps|improvements|long term (?:fix|fixes|solution|solutions|actions)|(?:what (?:is|are we) )?(?:being )?done about it|what is being done|what we are doing(?: about it)?|what happens now|looking forward|prevention|tasks|todo|[ée]l[ée]ments d action|mesures correctives)$/],
  ['supporting', /^(?:supporting (?:information|data|material)|appendix|appendices|references|links|related (?:links|documents))$/],
  ['messaging', /^(?:messaging|communications?|internal (?:email|message)|external (?:message|communication)|status page (?:message|updates))$/],
  ['recurrence', /^(?:recurrence|related (?:incidents|records))$/],
];

// Numbering and words that say nothing about what a section is: "2. The impact", "Incident timeline".
const numbering = /^(?:(?:\d+|[ivx]+|[a-h])(?: \d+)* )/;
const filler = /^(?:the|our|a|an|incident|detailed|brief|full|short|summary of|key)\s/;
// Words that join two sections in one heading: "Impact and severity", "Mitigation & recovery", "Lessons / next steps".
// (Headings reach here with their white space collapsed, so single spaces are enough.)
const joiner = / (?:and|&|\+|et) |[/,;]/i;

/** The kinds a heading names: none for an ordinary heading, several for a combined one ("Mitigation & recovery"). */
export const sectionKinds = memoize(kindsUncached, 5000);

function kindsUncached(heading: string): readonly SectionKind[] {
  if (heading.length > 200) return [];
  const whole = kindsOfPart(normalizeSectionName(heading));
  if (whole.length > 0) return whole;
  const parts = heading.split(joiner).map(normalizeSectionName).filter(Boolean);
  if (parts.length < 2) return [];
  const kinds = parts.map(kindsOfPart);
  // Every part must name a section: "Impact and severity" is impact, "Impact and our roadmap" is nothing.
  if (kinds.some((found, i) => found.length === 0 && !ignorablePart(parts[i]!))) return [];
  return [...new Set(kinds.flat())];
}

// The other half of "Impact and severity" or "Timeline and response details" adds nothing but takes nothing away.
function ignorablePart(part: string): boolean {
  return /^(?:severity|scope|details|duration|status|notes)$/.test(part);
}

function kindsOfPart(name: string): SectionKind[] {
  let words = name.replace(numbering, '');
  for (let previous = ''; previous !== words; ) {
    previous = words;
    words = words.replace(filler, '');
  }
  if (words.length > 80) return [];
  const found: SectionKind[] = [];
  for (const [kind, pattern] of patterns) if (pattern.test(words) || pattern.test(name)) found.push(kind);
  return found;
}

/** Kinds that only an incident review has: a design document may have a summary, a timeline and next steps, not these. */
const incidentKinds: ReadonlySet<SectionKind> = new Set(['impact', 'detection', 'resolution', 'root-cause', 'trigger', 'five-whys', 'lessons', 'went-wrong', 'lucky', 'response']);

export function isIncidentKind(kind: SectionKind): boolean {
  return incidentKinds.has(kind);
}
