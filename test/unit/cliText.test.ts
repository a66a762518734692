// The text report's layout on a terminal: messages cut to its width (the JSON and SARIF reports keep them whole).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatText } from '../../server/src/cli/formatText';
import { summarize, type LintRun } from '../../server/src/cli/summary';

const message = 'Placeholder "TBD" left in: finish this part or remove it, and say what the team decided about the rollback.';
const run: LintRun = {
  cwd: '/repo',
  root: '/repo',
  elapsedMs: 10,
  reports: [
    {
      path: '/repo/postmortems/a.md',
      status: 'linted',
      kind: 'postmortem',
      diagnostics: [{ ruleId: 'PM008', severity: 'warning', message, range: { start: { line: 11, character: 27 }, end: { line: 11, character: 30 } }, fixable: false }],
    },
  ],
};

test('on a terminal of 80 columns a long message is cut to fit, with an ellipsis; without a width it is whole', () => {
  const cut = formatText(run, summarize(run), { color: false, width: 80 }).split('\n')[0]!;
  assert.ok(cut.length <= 80, `${cut.length}: ${cut}`);
  assert.match(cut, /^postmortems\/a\.md:12:28 {2}warning {2}Placeholder "TBD" left in: .*… {2}PM008$/);
  const whole = formatText(run, summarize(run), { color: false }).split('\n')[0]!;
  assert.ok(whole.includes(message));
});
