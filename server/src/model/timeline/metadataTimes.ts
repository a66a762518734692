import type { Source } from '../source';
import { parseLeadingTimestamp } from '../time';
import type { MetadataField, StatedTime } from '../types';

// The keys of metadata lines that state when the incident started, was detected or ended (`**Started:** 09:41 UTC`).
const ROLES: Array<[StatedTime['role'], RegExp]> = [
  ['start', /^(?:start(?:ed)?(?: at| time)?|began|impact (?:start(?:ed)?|began)|incident start(?:ed)?|outage start(?:ed)?)$/],
  ['detection', /^(?:detected(?: at)?|detection(?: time)?|alerted(?: at)?|first alert)$/],
  ['resolution', /^(?:resolved(?: at)?|resolution time|end(?:ed)?(?: at| time)?|mitigated(?: at)?|recovered(?: at)?|fixed(?: at)?|incident end(?:ed)?|outage end(?:ed)?)$/],
];

/**
 * Times stated in metadata lines under the title (`**Started:** 09:41 UTC`, `Detected: 2024-03-02 10:02`,
 * `- Resolved: 11:30`): when the incident started, was detected and ended, as the author says.
 */
export function readMetadataTimes(metadata: readonly MetadataField[], source: Source): StatedTime[] {
  const found: StatedTime[] = [];
  for (const field of metadata) {
    if (field.source === 'front-matter') continue;
    const role = ROLES.find(([, key]) => key.test(field.key))?.[0];
    if (!role) continue;
    const start = source.document.offsetAt(field.range.start);
    const line = source.text.slice(start, source.document.offsetAt(field.range.end));
    // The value starts after the key's colon and any emphasis closing round it.
    const colon = /:(?:\*\*|__)?[ \t]*/.exec(line);
    if (!colon) continue;
    const at = colon.index + colon[0].length;
    const stamp = parseLeadingTimestamp(line.slice(at));
    if (!stamp) continue;
    const base = start + at;
    found.push({
      role,
      key: field.key,
      stamp,
      timeText: line.slice(at + stamp.timeStart, at + stamp.timeEnd),
      timeRange: source.range(base + stamp.timeStart, base + stamp.timeEnd),
      clockRange: source.range(base + stamp.clockStart, base + stamp.clockEnd),
    });
  }
  return found;
}
