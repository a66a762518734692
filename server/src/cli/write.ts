import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WriteExpectation {
  /** The file as it was read: if it changed since, nothing is written. */
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
  gid: number;
}

/**
 * Replaces a file's content atomically: the new text goes to a temporary file in the same folder, is flushed, takes
 * the old file's mode (and owner, where allowed), then is renamed over the original. A reader sees the old file or
 * the new one, never half of one; on any error the temporary file is removed and the original is untouched. A
 * symbolic link is kept: its target is what gets replaced.
 */
export function writeFileAtomically(file: string, content: string, expected: WriteExpectation): void {
  const target = fs.realpathSync.native(file);
  // Renaming over a file needs only the folder's permission: a file made read-only would be replaced all the same.
  if (isReadOnly(target, expected.mode)) throw new Error('it is read-only: no write permission');
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined = fs.openSync(temporary, 'wx', expected.mode & 0o7777);
  try {
    fs.writeSync(fd, content);
    fs.fchmodSync(fd, expected.mode & 0o7777);
    try {
      fs.fchownSync(fd, expected.uid, expected.gid);
    } catch {
      // Only root may give a file away; anyone else keeps the file as their own, as an editor's save would.
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    const now = fs.statSync(target);
    if (now.size !== expected.size || now.mtimeMs !== expected.mtimeMs) throw new Error('it changed while it was being fixed; run again');
    fs.renameSync(temporary, target);
  } catch (error) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** No write permission bit at all (which root would ignore), or none for this user. */
function isReadOnly(file: string, mode: number): boolean {
  if ((mode & 0o222) === 0) return true;
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return false;
  } catch {
    return true;
  }
}
