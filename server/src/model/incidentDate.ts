import { leadingIsoDate } from './time';
import type { FrontMatter, IncidentDate, Title } from './types';

/** The incident's date, from the first place that states one: front matter `date`, the title, the file name. */
export function readIncidentDate(frontMatter: FrontMatter | undefined, title: Title | undefined, uri: string): IncidentDate | undefined {
  const declared = frontMatter?.data?.['date'];
  const fromFrontMatter = typeof declared === 'string' ? leadingIsoDate(declared.trim()) : undefined;
  if (fromFrontMatter) return { ...fromFrontMatter, source: 'front-matter' };
  const fromTitle = title ? leadingIsoDate(title.text) : undefined;
  if (fromTitle) return { ...fromTitle, source: 'title' };
  const fileName = safeDecode(uri.slice(uri.lastIndexOf('/') + 1));
  const fromFileName = leadingIsoDate(fileName);
  return fromFileName ? { ...fromFileName, source: 'file-name' } : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
