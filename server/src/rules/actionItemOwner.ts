import type { Rule } from './rule';

// Someone or something that makes the task land: a mention, an "owner:" note, a name in brackets, a ticket or a link.
const owner = /(?:^|[\s([,])@[\w.-]+|\b(?:owner|owned by|assignee|assigned to|who)\s*[:=-]?\s*\S|\((?:[\p{Lu}][\p{L}'-]+)(?:\s+[\p{Lu}][\p{L}'-]+)*\)|—\s*[\p{Lu}][\p{L}]+$/iu;
// A link's target stops at `]` too, so that a run of `](` costs one scan, not one per `](`.
const ticket = /\b[A-Z][A-Z0-9]{1,9}-\d+\b|(?:^|\s)#\d+\b|https?:\/\/\S+|\]\([^)\]]+\)/;

export const actionItemOwner: Rule = {
  id: 'PM011',
  name: 'action-item-owner',
  description: 'An open action item has neither an owner nor a ticket or link.',
  defaultSeverity: 'warning',
  check(model, report) {
    for (const item of model.actionItems) {
      if (item.checked || item.assigned) continue;
      const text = model.document.getText(item.range);
      if (owner.test(text) || ticket.test(text)) continue;
      report({
        range: item.range,
        message: `Open action item without an owner or ticket: add one (e.g. "@jane" or "OPS-123") so it does not get lost.`,
      });
    }
  },
};
