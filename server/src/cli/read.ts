import { createHash } from 'node:crypto';
import * as fs from 'node:fs';

/** Larger files are not postmortems: a long one is a few hundred kilobytes. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface TextFile {
  /** The text without its byte order mark, as an editor shows it. */
  text: string;
  bom: boolean;
  /** The line ending fixes should write: the file's own (its first), `\n` when it has none. */
  eol: '\n' | '\r\n';
  mode: number;
  uid: number;
  gid: number;
  /** Identity, size and times as read, for --fix to tell whether the file changed since. */
  dev: number;
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** SHA-256 of the bytes read, for the cache (cache.ts). */
  digest: string;
}

/** Why a file cannot be linted, in words for the report; `reason` lets callers tell kinds apart. */
export interface ReadFailure {
  reason: 'missing' | 'not-a-file' | 'too-large' | 'binary' | 'not-utf8' | 'unreadable';
  message: string;
}

/**
 * Reads a file as UTF-8 text, refusing what is not: a directory or device, a FIFO (opened without blocking, so it
 * cannot hang the run), a file over `MAX_FILE_BYTES`, NUL bytes (binary) and invalid UTF-8.
 */
export function readTextFile(file: string): TextFile | ReadFailure {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (error) {
    return openFailure(error as NodeJS.ErrnoException);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { reason: 'not-a-file', message: `is not a regular file (${kindOf(stat)}).` };
    if (stat.size > MAX_FILE_BYTES) return { reason: 'too-large', message: `is ${megabytes(stat.size)}; files over ${megabytes(MAX_FILE_BYTES)} are not linted.` };
    const bytes = readAll(fd, stat.size);
    if (bytes.length > MAX_FILE_BYTES) return { reason: 'too-large', message: `is over ${megabytes(MAX_FILE_BYTES)}; files that large are not linted.` };
    const nul = bytes.indexOf(0);
    if (nul >= 0) return { reason: 'binary', message: `is a binary file (a NUL byte at offset ${nul}), not text.` };
    let decoded: string;
    try {
      decoded = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      return { reason: 'not-utf8', message: `is not UTF-8 text (${describeInvalidByte(bytes)}); save it as UTF-8.` };
    }
    const bom = decoded.startsWith('\uFEFF');
    const text = bom ? decoded.slice(1) : decoded;
    const firstBreak = /\r\n|\n/.exec(text);
    return { text, bom, eol: firstBreak?.[0] === '\r\n' ? '\r\n' : '\n', mode: stat.mode, uid: stat.uid, gid: stat.gid, dev: stat.dev, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, digest: sha256(bytes) };
  } catch (error) {
    return { reason: 'unreadable', message: `could not be read: ${(error as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

function readAll(fd: number, expected: number): Buffer {
  // The size can change while reading; read until the end, but never much past the cap.
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(Math.max(64 * 1024, Math.min(expected + 1, MAX_FILE_BYTES + 1)));
  for (;;) {
    const read = fs.readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(Buffer.from(chunk.subarray(0, read)));
    total += read;
    if (total > MAX_FILE_BYTES) break;
  }
  return Buffer.concat(chunks, total);
}

function openFailure(error: NodeJS.ErrnoException): ReadFailure {
  switch (error.code) {
    case 'ENOENT':
      return { reason: 'missing', message: 'does not exist (or is a symbolic link to nothing).' };
    case 'ELOOP':
      return { reason: 'unreadable', message: 'is a symbolic link loop.' };
    case 'EACCES':
    case 'EPERM':
      return { reason: 'unreadable', message: 'cannot be read: permission denied.' };
    case 'EISDIR':
      return { reason: 'not-a-file', message: 'is a folder.' };
    default:
      return { reason: 'unreadable', message: `could not be read (${error.code ?? error.message}).` };
  }
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a plain file';
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

/** Where the first byte that is not UTF-8 is, as line and column of the bytes before it. */
function describeInvalidByte(bytes: Buffer): string {
  const offset = firstInvalidUtf8(bytes);
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return `byte 0x${bytes[offset]!.toString(16).toUpperCase().padStart(2, '0')} on line ${line}, byte ${offset - lineStart + 1} of the line`;
}

/** The offset of the first byte that does not belong to a well-formed UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let length: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) length = 1;
    else if (b >= 0xc2 && b <= 0xdf) length = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      length = 3;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      length = 4;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k];
      const lo = k === 1 ? min : 0x80;
      const hi = k === 1 ? max : 0xbf;
      if (next === undefined || next < lo || next > hi) return i;
    }
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * SHA-256 of a file's bytes; undefined when it is not a regular file that can be read, or is larger than any file
 * that is linted. Opened without blocking, as readTextFile opens files, so a FIFO cannot hang the run.
 */
export function digestOf(file: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_FILE_BYTES) return undefined;
    return sha256(fs.readFileSync(fd));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
