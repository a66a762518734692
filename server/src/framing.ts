import { Transform, type TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = 'content-length:';
/** LSP headers are a line or two; a block this long without its blank line is not one. */
const MAX_HEADER_BYTES = 8 * 1024;
const EMPTY: Buffer = Buffer.alloc(0);

/**
 * Stands between stdin and vscode-jsonrpc's reader. That reader, given a header block without a usable
 * Content-Length, reports it and leaves the message's body in its buffer, to be read as the start of the next header
 * block: every message after is misread and the server never answers again. Here well-framed messages pass through
 * byte for byte, and a bad header block is dropped with whatever follows it up to the next `Content-Length:`, so the
 * next well-framed message is read as it was sent. `report` says what was dropped.
 */
export class FramingGuard extends Transform {
  /** Bytes of a header block not complete yet (or, while skipping, the tail where a header may be starting). */
  private pending: Buffer = EMPTY;
  /** Bytes of the current message's body still to pass through. */
  private body = 0;
  private skipping = false;

  constructor(private readonly report: (message: string) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let data = chunk;
    while (data.length > 0) {
      if (this.body > 0) {
        const part = data.subarray(0, this.body);
        this.push(part);
        this.body -= part.length;
        data = data.subarray(part.length);
        continue;
      }
      this.pending = this.pending.length > 0 ? Buffer.concat([this.pending, data]) : data;
      data = EMPTY;
      if (this.skipping) {
        // Latin-1 keeps one character per byte, so the offset found is the byte offset.
        const at = this.pending.toString('latin1').toLowerCase().indexOf(CONTENT_LENGTH);
        if (at < 0) {
          this.pending = this.pending.subarray(Math.max(0, this.pending.length - CONTENT_LENGTH.length));
          break;
        }
        this.pending = this.pending.subarray(at);
        this.skipping = false;
      }
      const end = this.pending.indexOf(HEADER_END);
      if (end < 0) {
        if (this.pending.length > MAX_HEADER_BYTES) this.skip(this.pending, this.pending.length - CONTENT_LENGTH.length);
        break;
      }
      const header = this.pending.subarray(0, end + HEADER_END.length);
      data = this.pending.subarray(header.length);
      this.pending = EMPTY;
      const length = contentLength(header.toString('latin1'));
      if (length === undefined) {
        this.skip(header, header.length);
        continue;
      }
      this.push(header);
      this.body = length;
    }
    done();
  }

  /** Drops `dropped` bytes of `block` and what follows, up to the next header. */
  private skip(block: Buffer, dropped: number): void {
    const shown = JSON.stringify(block.subarray(0, 120).toString('latin1'));
    this.report(`ignored a message with a bad message header (${shown}${block.length > 120 ? '…' : ''}): it has no valid Content-Length; reading resumes at the next message.`);
    this.pending = block.subarray(dropped);
    this.skipping = true;
  }
}

/** The Content-Length of a header block, or undefined when a line is not `Name: value` or the length is not a number. */
function contentLength(block: string): number | undefined {
  let length: number | undefined;
  for (const line of block.split('\r\n').slice(0, -2)) {
    const colon = line.indexOf(':');
    if (colon <= 0) return undefined;
    if (line.slice(0, colon).trim().toLowerCase() !== 'content-length') continue;
    const value = line.slice(colon + 1).trim();
    if (!/^\d{1,15}$/.test(value)) return undefined;
    length = Number(value);
  }
  return length;
}
