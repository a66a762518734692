import type { TimestampFormat } from './types';

/** At most this many distinct formats are remembered; past it the table starts again (a few per timeline is usual). */
const MAX_FORMATS = 1000;
const formats = new Map<string, TimestampFormat>();

/**
 * One frozen object per distinct timestamp format. A timeline's entries are nearly all written the same way, and an
 * object per entry was about a sixth of an open document's model (176 bytes of some 1,000 per entry, measured in a
 * heap snapshot of 100 open 50 KB documents).
 */
export function sharedFormat(format: TimestampFormat): TimestampFormat {
  const key = JSON.stringify(format);
  let shared = formats.get(key);
  if (!shared) {
    if (formats.size >= MAX_FORMATS) formats.clear();
    shared = Object.freeze(format);
    formats.set(key, shared);
  }
  return shared;
}
