import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The file as it was read: if it is not so any more right before the rename, nothing is written. */
export interface WriteExpectation {
  /** Its content, byte order mark included. */
  original: string;
  /** Its identity and times (from fstat): a file replaced since has another inode; one written to or chmod-ed, another ctime. */
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
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
  const temporary = path.join(path.dirname(target), `${temporaryPrefix(target)}${randomBytes(4).toString('hex')}.tmp`);
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
    // The last check, then the rename at once. What it cannot see: a write that lands between the two (microseconds),
    // and a program that kept the file open and writes to it after the rename (into the replaced file). A size and
    // mtime check alone missed same-size edits within the mtime's resolution or with the mtime set back.
    assertUnchanged(target, expected);
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

/** Throws unless the file is still the one read: same inode, size and times, and (read again) the same bytes. */
function assertUnchanged(file: string, expected: WriteExpectation): void {
  const changed = new Error('it changed on disk while it was being fixed; run again');
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    throw changed;
  }
  try {
    const bytes = Buffer.from(expected.original, 'utf8');
    const current = Buffer.alloc(bytes.length + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < current.length; length += read) read = fs.readSync(fd, current, length, current.length - length, null);
    // The times after the bytes: a write while they were read shows in the ctime.
    const now = fs.fstatSync(fd);
    const same = now.dev === expected.dev && now.ino === expected.ino && now.size === expected.size && now.mtimeMs === expected.mtimeMs && now.ctimeMs === expected.ctimeMs;
    if (!same || length !== bytes.length || !current.subarray(0, length).equals(bytes)) throw changed;
  } finally {
    fs.closeSync(fd);
  }
}

/** The start of the names of this process's temporary files for `target`: hidden, beside it, with the process id. */
function temporaryPrefix(target: string): string {
  return `.${path.basename(target)}.${process.pid}.`;
}

/**
 * Removes the temporary files this process left beside `file`: a thread stopped in the middle of a write (by a
 * signal) never gets to remove its own. Files of other processes have another id in their name and are kept.
 */
export function removeTemporaryFiles(file: string): void {
  try {
    const target = fs.realpathSync.native(file);
    const prefix = temporaryPrefix(target);
    for (const name of fs.readdirSync(path.dirname(target))) {
      if (name.startsWith(prefix) && name.endsWith('.tmp')) fs.rmSync(path.join(path.dirname(target), name), { force: true });
    }
  } catch {
    // The file or its folder is gone: nothing of ours is left there.
  }
}
