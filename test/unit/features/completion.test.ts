import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-types';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completions, type CompletionOptions } from '../../../server/src/features/completion';
import { parsePostmortem } from '../../../server/src/model/parse';
import { builtInTemplate, builtInTemplateNames } from '../../../server/src/templates/index';
import { parseTemplate } from '../../../server/src/templates/template';
import { completePostmortem, CURSOR, fixture, joinLines, modelAtCursor } from '../util';

/** A fixed clock, days after every incident in these tests: "now" is offered, never first. */
const NOW = new Date('2024-03-05T14:07:30Z');
/** "Now" where the timeline names no zone: the machine's local time. */
const LOCAL_NOW = `${String(NOW.getHours()).padStart(2, '0')}:${String(NOW.getMinutes()).padStart(2, '0')}`;
const complete = (text: string, options: CompletionOptions = {}): CompletionItem[] => {
  const { model, position } = modelAtCursor(text);
  return completions(model, position, { now: NOW, ...options });
};
const editOf = (item: CompletionItem) => item.textEdit as TextEdit;

test('at a heading start, only the missing template sections, in template order, with their prompts', () => {
  const text = completePostmortem()
    .replace(/## 🥏 Impact[\s\S]*?(?=## 👁️)/, '')
    .replace(/## 🤔 Lessons learned[\s\S]*?(?=## ☑️)/, `## ${CURSOR}\n\n`);
  const items = complete(text);
  assert.deepEqual(items.map((i) => i.label), ['Impact', 'Lessons learned']);
  assert.deepEqual(items.map((i) => i.sortText), ['0001', '0007']);
  const edit = editOf(items[1]!);
  assert.equal(edit.newText, '## 🤔 Lessons learned\n\n*What did we learn from this incident?*\n\n$0');
  assert.deepEqual(edit.range.start, { line: edit.range.end.line, character: 0 });
  assert.equal(items[1]!.filterText, '## Lessons learned');
  assert.equal(items[1]!.insertTextFormat, 2);
});

test('a partly typed heading and a bare "#" are heading starts too', () => {
  const base = fixture('corpus/markdown/2020-12-11-all-services-outage.md').replace(/## 🔎 Five Why's[\s\S]*?(?=## 🌱)/, '');
  assert.deepEqual(complete(`${base}\n## Fi${CURSOR}`).map((i) => i.label), ["Five Why's"]);
  assert.deepEqual(complete(`${base}\n#${CURSOR}`).map((i) => i.label), ["Five Why's"]);
});

test('snippet syntax in a template heading and prompt is escaped: $, } and \\ insert as written', () => {
  const template = parseTemplate('team.md', joinLines('---', 'type: template', '---', '## Cost in $ {USD}', '', '*Spend per ${region}, path C:\\ops\\}*', '', '## Impact'));
  const { model, position } = modelAtCursor(joinLines('# Outage', '', '## Impact', '', 'Down.', '', `## ${CURSOR}`));
  const items = completions({ ...model, template }, position, { now: NOW });
  const cost = items.find((item) => item.label === 'Cost in $ {USD}');
  assert.ok(cost, JSON.stringify(items.map((i) => i.label)));
  // The prompt's text is `Spend per ${region}, path C:\ops}` (Markdown reads `\}` as `}`).
  assert.equal(editOf(cost).newText, '## Cost in \\$ {USD\\}\n\n*Spend per \\${region\\}, path C:\\\\ops\\}*\n\n$0');
});

test('after a timeline entry, a new bullet is offered the next timestamp in the same format', () => {
  const text = completePostmortem({ leadup: ['- **00:27 UTC:** Django starts', '- **00:33 UTC:** Alert fires', `- ${CURSOR}`] });
  const [item, ...rest] = complete(text);
  assert.deepEqual(rest.map((i) => i.label), ['**00:39 UTC:**', '**14:07 UTC:**']);
  assert.equal(item!.label, '**00:33 UTC:**');
  assert.equal(item!.preselect, true);
  const edit = editOf(item!);
  assert.equal(edit.newText, '**${1:00:33} UTC:** $0');
  assert.equal(edit.range.start.character, 2);
  assert.equal(item!.insertTextFormat, 2);
});

test('plain, unpadded, dated and partly typed timestamps keep their format', () => {
  assert.equal(editOf(complete(joinLines('- 9:05 PDT deploy', `- ${CURSOR}`))[0]!).newText, '${1:9:05} PDT $0');
  assert.equal(editOf(complete(joinLines('- **2021-07-11 06:36 UTC:** x', `- **0${CURSOR}`))[0]!).newText, '**2021-07-11 ${1:06:36} UTC:** $0');
  assert.equal(editOf(complete(joinLines('* 10:00:05 x', `* ${CURSOR}`))[0]!).newText, '${1:10:00:05} $0');
});

test('on an empty line right after a timeline the bullet is included', () => {
  const [item] = complete(joinLines('- **00:27 UTC:** a', CURSOR));
  assert.equal(editOf(item!).newText, '- **${1:00:27} UTC:** $0');
});

test('no timestamp far from a timeline, in prose, or after plain bullets', () => {
  assert.deepEqual(complete(joinLines('- **00:27 UTC:** a', '', 'A paragraph.', '', `- ${CURSOR}`)), []);
  assert.deepEqual(complete(joinLines('- **00:27 UTC:** a', `- some text ${CURSOR}`)), []);
  assert.deepEqual(complete(joinLines('- a plain bullet', `- ${CURSOR}`)), []);
  assert.deepEqual(complete(`Some prose ${CURSOR}`), []);
});

test('bracketed, month-day, 12-hour and backquoted bullets keep their format and their bullet', () => {
  assert.equal(editOf(complete(joinLines('* [13:26] a', CURSOR))[0]!).newText, '* [${1:13:26}] $0');
  assert.equal(editOf(complete(joinLines('- [03-26 23:04] a', `- ${CURSOR}`))[0]!).newText, '[03-26 ${1:23:04}] $0');
  assert.equal(editOf(complete(joinLines('- 2:54 PM PST: a', `- ${CURSOR}`))[0]!).newText, '${1:2:54 PM} PST: $0');
  assert.equal(editOf(complete(joinLines('- **21:17 UTC**: a', `- ${CURSOR}`))[0]!).newText, '**${1:21:17} UTC**: $0');
  assert.equal(editOf(complete(joinLines('  - `10:00` a', CURSOR))[0]!).newText, '  - `${1:10:00}` $0');
});

test('an ordered list continues with the next number', () => {
  assert.equal(editOf(complete(joinLines('1. 10:00 UTC a', '2. 10:05 UTC b', CURSOR))[0]!).newText, '3. ${1:10:05} UTC $0');
});

test('under a timeline table: a new row on the empty line below, or on a row being typed', () => {
  const table = ['| Time (UTC) | Event | Owner |', '|---|---|---|', '| 13:30 | a | Joe |', '| **13:35** | b | |'];
  const [below] = complete(joinLines(...table, CURSOR));
  assert.equal(below!.label, '| **13:35** |  |  |');
  assert.equal(editOf(below!).newText, '| **${1:13:35}** | $0 |  |');
  const [typed, ...rest] = complete(joinLines(...table, `| 13${CURSOR} |`));
  assert.deepEqual(rest.map((i) => i.label), ['| **13:40** |  |  |', '| **14:07** |  |  |']);
  const edit = editOf(typed!);
  assert.equal(edit.newText, '| **${1:13:35}** | $0 |  |');
  assert.deepEqual(edit.range, { start: { line: 4, character: 0 }, end: { line: 4, character: 6 } });
});

test('a table with a date column copies the date into the new row; the time column need not be first', () => {
  const [item] = complete(joinLines('| Date | Event | Time |', '|---|---|---|', '| 2021-01-30 | a | 23:50 |', `|${CURSOR}`));
  assert.equal(editOf(item!).newText, '| 2021-01-30 | $0 | ${1:23:50} |');
});

test('no new row inside an existing row, or under a table that is not a timeline', () => {
  assert.deepEqual(complete(joinLines('| Time | Event |', '|---|---|', `| 14${CURSOR}:30 | a |`)), []);
  assert.deepEqual(complete(joinLines('| Service | Owner |', '|---|---|', '| api | Joe |', `|${CURSOR}`)), []);
});

test('under a timestamp heading, "###" is offered the next timestamp heading first', () => {
  const items = complete(joinLines('## ⚠️ Leadup', '', '### 13:35 UTC', '', 'Alerts fire.', '', `###${CURSOR}`));
  assert.equal(items[0]!.label, '### 13:35 UTC');
  assert.equal(editOf(items[0]!).newText, '### ${1:13:35} UTC\n\n$0');
  assert.ok(items[0]!.sortText! < items[1]!.sortText!);
  assert.ok(items.length > 1, 'missing sections are still offered');
});

test('with a sub-heading between, the timestamp heading comes after the missing sections; never on "##"', () => {
  const items = complete(joinLines('## ⚠️ Leadup', '', '### 13:35', '', 'a', '', '#### Details', '', 'b', '', `### ${CURSOR}`));
  const stamps = items.filter((i) => /^### \d/.test(String(i.label)));
  assert.deepEqual(stamps.map((i) => i.label), ['### 13:35', `### ${LOCAL_NOW}`]);
  assert.deepEqual(items.slice(-2), stamps);
  assert.ok(stamps[0]!.sortText! > items[0]!.sortText!);
  assert.ok(!complete(joinLines('### 13:35', '', 'a', '', `## ${CURSOR}`)).some((i) => i.label === '### 13:35'));
  assert.ok(!complete(joinLines('### 13:35', '', 'a', '', '## Impact', '', `### ${CURSOR}`)).some((i) => String(i.label).includes('13:35')));
});

test('under timestamped lines, the next line starts with the next timestamp (no bullet)', () => {
  assert.equal(editOf(complete(joinLines('16:42 GST: a', '16:50 GST: b', `16${CURSOR}`))[0]!).newText, '${1:16:50} GST: $0');
  assert.equal(editOf(complete(joinLines('16:42 GST: a', '16:50 GST: b', '', CURSOR))[0]!).newText, '${1:16:50} GST: $0');
});

// Authoring: which times are offered after an entry, names, whys, and section completions for every template.

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const kindOf = (items: CompletionItem[], detail: RegExp) => items.find((i) => detail.test(i.detail ?? ''));

test('the second item is the previous time plus the timeline\'s median gap; the previous time stays first', () => {
  const items = complete(joinLines('- **00:27 UTC:** a', '- **00:32 UTC:** b', '- **00:33 UTC:** c', '- **00:42 UTC:** d', `- ${CURSOR}`));
  assert.deepEqual(labels(items).slice(0, 2), ['**00:42 UTC:**', '**00:47 UTC:**']);
  assert.equal(items[1]!.detail, "00:42 UTC + 5 min, the timeline's typical gap");
  assert.equal(editOf(items[1]!).newText, '**${1:00:47} UTC:** $0');
  assert.deepEqual(items.map((i) => i.sortText), [...items.map((i) => i.sortText)].sort());
  // One entry has no gap to learn from.
  assert.deepEqual(labels(complete(joinLines('- **00:27 UTC:** a', `- ${CURSOR}`))), ['**00:27 UTC:**', '**14:07 UTC:**']);
});

test('crossing midnight rewrites the date the entries write, or says "the next day"', () => {
  const iso = complete(joinLines('- 2021-07-11 23:50 UTC a', '- 2021-07-11 23:58 UTC b', `- ${CURSOR}`));
  assert.equal(editOf(iso[1]!).newText, '2021-07-12 ${1:00:06} UTC $0');
  const named = complete(joinLines('- **Sat Jul 10, 23:50 UTC:** a', '- **Sat Jul 10, 23:58 UTC:** b', `- ${CURSOR}`));
  assert.equal(named[1]!.label, '**Sun Jul 11, 00:06 UTC:**');
  const monthDay = complete(joinLines('- [12-31 23:50] a', '- [12-31 23:58] b', `- ${CURSOR}`));
  assert.equal(monthDay[1]!.label, '[01-01 00:06]');
  const dayFirst = complete(joinLines('- 30/09/2024 23:50 UTC a', '- 30/09/2024 23:58 UTC b', `- ${CURSOR}`));
  assert.equal(dayFirst[1]!.label, '01/10/2024 00:06 UTC');
  const monthFirst = complete(joinLines('- 09.30.2024 23:50 UTC a', '- 09.30.2024 23:58 UTC b', `- ${CURSOR}`));
  assert.equal(monthFirst[1]!.label, '10.01.2024 00:06 UTC');
  const undated = complete(joinLines('- **23:50 UTC:** a', '- **23:58 UTC:** b', `- ${CURSOR}`));
  assert.equal(undated[1]!.label, '**00:06 UTC:**');
  assert.match(undated[1]!.detail!, /\(the next day\)$/);
  // A first entry mentioned in another zone may fall on the day before in the timeline's.
  const first = complete(joinLines('Paged at 02:00 UTC.', '', '## Timeline', '', `- ${CURSOR}`), { zone: 'PDT' });
  assert.equal(first.find((i) => i.detail?.startsWith('Mentioned'))?.detail, 'Mentioned on line 1 (02:00 UTC, in PDT) (the day before)');
});

test('12-hour timelines stay 12-hour, across noon, and unpadded unless they pad', () => {
  const items = complete(joinLines('- 11:50 AM PST: a', '- 11:58 AM PST: b', `- ${CURSOR}`));
  assert.deepEqual(labels(items), ['11:58 AM PST:', '12:06 PM PST:'], 'now, 6:07 AM, is before the entry above: not offered');
  const early = complete(joinLines('- 5:50 AM PST: a', '- 5:58 AM PST: b', `- ${CURSOR}`));
  assert.deepEqual(labels(early), ['5:58 AM PST:', '6:06 AM PST:', '6:07 AM PST:']);
  assert.equal(editOf(early[2]!).newText, '${1:6:07 AM} PST: $0', 'every item a snippet: the time, then the event text');
  assert.equal(labels(complete(joinLines('- 05:50 am PST: a', `- ${CURSOR}`)))[1], '06:07 am PST:');
});

test('"now" is in the timeline\'s zone: an offset, an IANA setting, a region; not for an ambiguous abbreviation', () => {
  const now = (text: string, options: CompletionOptions = {}) => kindOf(complete(text, options), /^Now/)?.label;
  assert.equal(now(joinLines('- **10:00 UTC+2:** a', `- ${CURSOR}`)), '**16:07 UTC+2:**');
  assert.equal(now(joinLines('- **10:00:** a', `- ${CURSOR}`), { zone: 'Europe/Paris' }), '**15:07:**');
  assert.equal(now(joinLines('- 05:00 PT a', `- ${CURSOR}`)), '06:07 PT');
  assert.equal(now(joinLines('- 10:00 PT a', `- ${CURSOR}`)), undefined, 'before the entry above');
  assert.equal(now(joinLines('- 10:00 CST a', `- ${CURSOR}`)), undefined);
  assert.equal(now(joinLines('- 10:00:05 UTC a', `- ${CURSOR}`)), '14:07:30 UTC');
});

test('during a live incident (an entry of today, in the last day) "now" comes first', () => {
  const text = joinLines('# 2024-03-05: Database failover', '', '## ⚠️ Leadup', '', '- **13:40 UTC:** Alert fires', `- ${CURSOR}`);
  const items = complete(text);
  assert.equal(items[0]!.label, '**14:07 UTC:**');
  assert.equal(items[0]!.detail, 'Now (UTC)');
  assert.equal(editOf(items[0]!).newText, '**${1:14:07} UTC:** $0', 'the time a tab stop, the event text the next');
  assert.equal(complete(text, { now: new Date('2024-03-07T14:07:30Z') })[0]!.label, '**13:40 UTC:**', 'two days later it is not live');
});

test('times mentioned in the prose and not in the timeline are offered, in the timeline\'s zone and format', () => {
  const text = completePostmortem({ leadup: ['- **19:50 UTC:** Deploy', `- ${CURSOR}`, '- **20:10 UTC:** Rollback'] })
    .replace('An alert fired.', 'At 19:55 UTC the site went down; the on-call saw it at 12:58 PDT. `10:00` is code. Rollback at 20:10 UTC.')
    .replace('All services were down.', 'Down for 1:30 hours.');
  const mentioned = complete(text).filter((i) => /^Mentioned/.test(i.detail ?? ''));
  assert.deepEqual(labels(mentioned), ['**19:55 UTC:**', '**19:58 UTC:**']);
  assert.match(mentioned[0]!.detail!, /^Mentioned on line \d+$/);
  assert.equal(mentioned[1]!.detail!.replace(/line \d+/, 'line N'), 'Mentioned on line N (12:58 PDT, in UTC)');
  assert.equal(mentioned[0]!.documentation, 'At 19:55 UTC the site went down; the on-call saw it at 12:58 PDT. `10:00` is code. Rollback at 20:10…', 'the line, shortened');
  assert.equal(editOf(mentioned[0]!).newText, '**${1:19:55} UTC:** $0');
  // After the 20:10 entry, the mentions before it are not offered: accepted, they would be out of order.
  const after = complete(text.replace(`- ${CURSOR}\n`, '').replace('- **20:10 UTC:** Rollback', `- **20:10 UTC:** Rollback\n- ${CURSOR}`));
  assert.deepEqual(labels(after.filter((i) => /^Mentioned/.test(i.detail ?? ''))), []);
});

test('a mention\'s line is shown whatever ends the lines (CR alone too)', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = joinLines('# 2021-07-11: Outage', '', 'The site went down at 19:55 UTC.', 'Nothing else.', '', '- **19:50 UTC:** Deploy', `- ${CURSOR}`).replace(/\n/g, eol);
    const mentioned = complete(text).filter((i) => /^Mentioned/.test(i.detail ?? ''));
    assert.deepEqual(mentioned.map((i) => [i.detail, i.documentation]), [['Mentioned on line 3', 'The site went down at 19:55 UTC.']], JSON.stringify(eol));
  }
});

test('a timeline\'s own timestamps are not mentions, even where the zone comes from a table header and the time differs', () => {
  const text = joinLines('# 2021-07-11: Outage', '', '| Time (PST) | Event |', '| --- | --- |', '| 11:00 | Paged |', '', 'Paged at 11:00 PST.', '', '- **19:50 UTC:** Deploy', `- ${CURSOR}`);
  // 11:00 PST is 19:00 UTC, which the table has: its 11:00 read alone (no zone) would look like a time nobody wrote down.
  const mentioned = complete(text).filter((i) => /^Mentioned/.test(i.detail ?? ''));
  assert.deepEqual(labels(mentioned), []);
});

test('a dated mention keeps its date in a dated timeline', () => {
  const items = complete(joinLines('Recovered 2021-07-12 00:15 UTC.', '', '- 2021-07-11 23:58 UTC b', `- ${CURSOR}`));
  assert.ok(labels(items).includes('2021-07-12 00:15 UTC'), JSON.stringify(labels(items)));
});

test('the first entry of an empty Timeline section: now, mentioned times, then a placeholder', () => {
  const text = joinLines('# 2021-01-30: Outage', '', 'At 19:55 UTC the site went down.', '', '## Timeline', '', `- ${CURSOR}`);
  const items = complete(text);
  assert.deepEqual(labels(items), ['**14:07 UTC:**', '**19:55 UTC:**', '**00:00 UTC:**']);
  assert.equal(editOf(items[2]!).newText, '**${1:00:00} UTC:** $0');
  assert.deepEqual(labels(complete(joinLines('## Timeline', '', CURSOR))).at(-1), '- **00:00 UTC:**');
  assert.deepEqual(complete(joinLines('## Impact', '', `- ${CURSOR}`)), [], 'not in other sections');
});

test('**Why?** on a new bullet in the five whys, written like the steps above', () => {
  const whys = ["## 🔎 Five Why's", '', '- Outage', '- **Why?** The node died', '- **Why?** PostgreSQL used all its memory'];
  const [onEmpty] = complete(joinLines(...whys, CURSOR));
  assert.equal(onEmpty!.label, '- **Why?**');
  assert.equal(onEmpty!.detail, 'Why #3: why did “PostgreSQL used all its memory” happen?');
  assert.equal(editOf(onEmpty!).newText, '- **Why?** $0');
  const [onBullet] = complete(joinLines(...whys, `- ${CURSOR}`));
  assert.equal(editOf(onBullet!).newText, '**Why?** $0');
  const [numbered] = complete(joinLines("## Five Why's", '', '1. Outage', '2. __Why?__ disk full', CURSOR));
  assert.equal(editOf(numbered!).newText, '3. __Why?__ $0');
  assert.deepEqual(complete(joinLines('## 🤔 Lessons learned', '', '- Alert earlier', `- ${CURSOR}`)), []);
  const underParagraph = complete(joinLines(...whys, '', 'A paragraph.', '', CURSOR));
  assert.ok(!underParagraph.some((item) => item.label === '- **Why?**'), 'not under a paragraph: there a new block starts, and the missing sections are offered');
});

test('names already used: responders, @mentions, owners and authors; after "@" only mentions; never on a space', () => {
  const text = joinLines(
    '# 2021-07-11: Outage',
    '',
    '**Authors:** Dana Reyes, @sam',
    '',
    '## 🙋🏿‍♂️ Response',
    '',
    'Joe Banks responded. Later Alice Smith joined; Initially the restart failed. Restart was slow.',
    '',
    '## ☑️ Follow-up tasks',
    '',
    '- [ ] Add an alert (owner: Maria Lopez)',
    '- [ ] Raise the limit @joe',
    '',
    `Thanks to ${CURSOR}`,
  );
  const names = labels(complete(text));
  assert.deepEqual([...names].sort(), ['@joe', '@sam', 'Alice Smith', 'Dana Reyes', 'Joe Banks', 'Maria Lopez']);
  assert.deepEqual(labels(complete(text.replace(`Thanks to ${CURSOR}`, `cc @${CURSOR}`), { triggerCharacter: '@' })), ['@sam', '@joe'], 'the most used first');
  assert.deepEqual(complete(text, { triggerCharacter: ' ' }), []);
  const [item] = complete(text.replace(`Thanks to ${CURSOR}`, `Thanks to Jo${CURSOR}`)).filter((i) => i.label === 'Joe Banks');
  assert.deepEqual(editOf(item!).range.start.character, 'Thanks to '.length, 'replaces the word typed so far');
});

for (const name of builtInTemplateNames) {
  test(`${name}: at "## " only the missing sections, in template order, each with its prompt`, () => {
    const template = builtInTemplate(name);
    // Write every other section; the rest must be offered, in order, optional ones marked.
    const written = template.sections.filter((s) => s.index % 2 === 0);
    const text = [
      '# 2024-03-05: Outage',
      '',
      ...written.flatMap((s) => [`${'#'.repeat(s.level)} ${s.heading}`, '', 'Written.', '']),
      '## ',
    ].join('\n');
    const model = parsePostmortem(TextDocument.create('file:///w/postmortems/x.md', 'markdown', 1, text), template);
    const items = completions(model, model.document.positionAt(text.length), { now: NOW });
    const missing = template.sections.filter((s) => s.index % 2 === 1);
    assert.deepEqual(items.map((i) => i.sortText), missing.map((s) => String(s.index).padStart(4, '0')));
    for (const [i, section] of missing.entries()) {
      const item = items[i]!;
      assert.equal(editOf(item).newText, `${'#'.repeat(section.level)} ${section.heading.replace(/[\\$}]/g, (c) => `\\${c}`)}\n\n*${section.prompt!.replace(/[\\$}]/g, (c) => `\\${c}`)}*\n\n$0`);
      assert.equal(item.detail, section.optional ? 'Optional template section' : 'Missing template section');
    }
  });
}

test('Ctrl+Space on an empty line that starts a block offers the missing sections too; not inside a list or a paragraph', () => {
  const template = builtInTemplate('python-discord');
  const text = ['# 2024-03-05: Outage', '', '## 🥏 Impact', '', 'Down.', '', '- one thing', '', ''].join('\n');
  const model = parsePostmortem(TextDocument.create('file:///w/postmortems/x.md', 'markdown', 1, text), template);
  const atEnd = completions(model, model.document.positionAt(text.length), { now: NOW });
  assert.equal(atEnd.length, template.sections.length - 1, 'every section but Impact');
  assert.equal(atEnd[0]!.label, 'Leadup');
  assert.equal(editOf(atEnd[0]!).newText, '## ⚠️ Leadup\n\n*List the sequence of events that led to the incident*\n\n$0');
  const underParagraph = ['# 2024-03-05: Outage', '', '## 🥏 Impact', 'Down.', ''].join('\n');
  const paragraphModel = parsePostmortem(TextDocument.create('file:///w/postmortems/y.md', 'markdown', 1, underParagraph), template);
  assert.deepEqual(completions(paragraphModel, paragraphModel.document.positionAt(underParagraph.length), { now: NOW }), [], 'right under a line: a continuation, not a new block');
});

test('after an offset from the start (T+45m) no clock time is offered: the offset is the author\'s to count', () => {
  assert.deepEqual(complete(joinLines('- T+0: deploy', '- T+45m: paged', `- ${CURSOR}`)), []);
});

test("the typical gap is the median of the gaps above: the middle one, or the mean of the two middle ones", () => {
  // Gaps 2, 4, 10, 20 min: the median is 7 (not the upper middle, 10).
  const even = complete(joinLines('- **10:00 UTC:** a', '- **10:02 UTC:** b', '- **10:06 UTC:** c', '- **10:16 UTC:** d', '- **10:36 UTC:** e', `- ${CURSOR}`));
  assert.equal(even.find((i) => i.detail?.includes('typical gap'))?.label, '**10:43 UTC:**');
  // Gaps 2, 4, 30: the median is 4.
  const odd = complete(joinLines('- **10:00 UTC:** a', '- **10:02 UTC:** b', '- **10:06 UTC:** c', '- **10:36 UTC:** d', `- ${CURSOR}`));
  assert.equal(odd.find((i) => i.detail?.includes('typical gap'))?.label, '**10:40 UTC:**');
});
