// Every alias a built-in template accepts, written out here (not read from the template): removing one from a
// template, or breaking how aliases match, fails this test. The rule pages advertise several of them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtInTemplate } from '../../server/src/templates/index';
import { joinLines } from './util';
import { parsePostmortem } from '../../server/src/model/parse';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ALIASES: Record<string, Array<[alias: string, section: string]>> = {
  'atlassian': [
    ["Summary", "Incident summary"],
    ["Overview", "Incident summary"],
    ["Executive summary", "Incident summary"],
    ["Lead-up", "Leadup"],
    ["What led to the incident", "Leadup"],
    ["Customer impact", "Impact"],
    ["User impact", "Impact"],
    ["Resolution", "Recovery"],
    ["Mitigation", "Recovery"],
    ["Incident timeline", "Timeline"],
    ["Root cause identification: the five whys", "Five whys"],
    ["Root cause identification", "Five whys"],
    ["5 whys", "Five whys"],
    ["Five whys analysis", "Five whys"],
    ["Root causes", "Root cause"],
    ["Blameless root cause", "Root cause"],
    ["Blameless root causes", "Root cause"],
    ["Related incidents", "Recurrence"],
    ["Related records", "Recurrence"],
    ["Lessons", "Lessons learned"],
    ["Learnings", "Lessons learned"],
    ["Action items", "Corrective actions"],
    ["Follow-up actions", "Corrective actions"],
    ["Follow-up tasks", "Corrective actions"],
    ["Follow-ups", "Corrective actions"],
    ["Remediation", "Corrective actions"],
  ],
  'google-sre': [
    ["Overview", "Summary"],
    ["Executive summary", "Summary"],
    ["User impact", "Impact"],
    ["Customer impact", "Impact"],
    ["Root cause", "Root causes"],
    ["Blameless root cause", "Root causes"],
    ["Blameless root causes", "Root causes"],
    ["Root causes and trigger", "Root causes"],
    ["Triggers", "Trigger"],
    ["Recovery", "Resolution"],
    ["Mitigation", "Resolution"],
    ["Action items and follow-ups", "Action items"],
    ["Follow-up actions", "Action items"],
    ["Follow-up tasks", "Action items"],
    ["Corrective actions", "Action items"],
    ["Follow-ups", "Action items"],
    ["Lessons", "Lessons learned"],
    ["Learnings", "Lessons learned"],
    ["Things that went well", "What went well"],
    ["What went right", "What went well"],
    ["Things that went wrong", "What went wrong"],
    ["Things that went poorly", "What went wrong"],
    ["What went badly", "What went wrong"],
    ["What didnt go well", "What went wrong"],
    ["Where we were lucky", "Where we got lucky"],
    ["Luck", "Where we got lucky"],
    ["Incident timeline", "Timeline"],
    ["Supporting data", "Supporting information"],
    ["Appendix", "Supporting information"],
  ],
  'pagerduty': [
    ["Summary", "Overview"],
    ["Executive summary", "Overview"],
    ["Description", "What happened"],
    ["Contributing factor", "Contributing factors"],
    ["Root causes", "Contributing factors"],
    ["Root cause", "Contributing factors"],
    ["Recovery", "Resolution"],
    ["Mitigation", "Resolution"],
    ["Customer impact", "Impact"],
    ["User impact", "Impact"],
    ["Incident timeline", "Timeline"],
    ["How did we do", "How'd we do?"],
    ["Retrospective", "How'd we do?"],
    ["What went right", "What went well?"],
    ["What didnt go well", "What didn't go so well?"],
    ["What went wrong", "What didn't go so well?"],
    ["What could have gone better", "What didn't go so well?"],
    ["Follow-up actions", "Action items"],
    ["Follow-up tasks", "Action items"],
    ["Corrective actions", "Action items"],
    ["Follow-ups", "Action items"],
    ["Communication", "Messaging"],
    ["Communications", "Messaging"],
    ["Internal message", "Internal email"],
    ["Customer message", "External message"],
    ["Status page message", "External message"],
    ["Public message", "External message"],
  ],
  'python-discord': [
    ["5 Whys", "🔎 Five Why's"],
    ["Five Whys analysis", "🔎 Five Why's"],
    ["Root cause", "🌱 Blameless root cause"],
    ["Root causes", "🌱 Blameless root cause"],
    ["Blameless root causes", "🌱 Blameless root cause"],
    ["Follow-up actions", "☑️ Follow-up tasks"],
    ["Action items", "☑️ Follow-up tasks"],
    ["Follow-ups", "☑️ Follow-up tasks"],
  ],
};

for (const [name, aliases] of Object.entries(ALIASES)) {
  test(`${name}: every alias matches its section`, () => {
    const template = builtInTemplate(name);
    assert.ok(aliases.length > 0);
    const wrong: string[] = [];
    for (const [alias, section] of aliases) {
      const text = joinLines('# 2024-03-02: Outage', '', `## ${alias}`, '', 'Written.', '');
      const model = parsePostmortem(TextDocument.create('file:///repo/postmortems/x.md', 'markdown', 1, text), template);
      const [found] = model.sections;
      const matched = found?.match?.heading;
      if (matched !== section) wrong.push(`"${alias}" matched ${JSON.stringify(matched)}, not "${section}"`);
      // By name, not only as a heading of the same kind: a name is what the template promises.
      else if (!found!.matchedByName) wrong.push(`"${alias}" matched "${section}" by kind, not by name`);
    }
    assert.deepEqual(wrong, []);
  });
}
