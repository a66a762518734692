import type { PostmortemDocument } from '../model/types';
import { NO_TEMPLATE } from '../templates/index';

/** The template the document is held to, in a few words for a code lens: `Template: google-sre (9/11 sections)`. */
export function templateLensTitle(model: PostmortemDocument): string {
  const { templateChoice: choice, template } = model;
  if (template === NO_TEMPLATE) return 'No template: free-form';
  return `Template: ${template.name} (${choice.present}/${choice.required} sections${choice.how === 'auto' ? ', auto' : ''})`;
}

/** The same, as a sentence for the title's hover, with how to change it. */
export function templateHoverText(model: PostmortemDocument): string {
  const { templateChoice: choice, template } = model;
  const override = 'Set `template:` in the front matter, `.postmortem.yaml` or the setting `postmortem.template` to choose another.';
  if (template === NO_TEMPLATE) {
    const closest = choice.closest ? ` (closest: "${choice.closest}", ${choice.present} of its ${choice.required} sections)` : '';
    return `**No template**: the sections follow no built-in template well${closest}, so none is required and their order is free. ${override}`;
  }
  const how = choice.how === 'auto' ? 'chosen because the document follows its sections' : 'configured';
  return `**Template "${template.name}"** (${how}): the document has ${choice.present} of its ${choice.required} required sections. ${override}`;
}
