// Bytes → text between the file and PapaParse. PapaParse's stream reader calls chunk.toString()
// on every Buffer, which breaks a multi-byte character cut by a chunk boundary into two U+FFFD;
// a streaming TextDecoder does not. This stream also hashes and counts the bytes on the way.
import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { TextDecoder } from 'node:util';
import { stripLatin1Bom, type TextEncodingName } from './csv-sniff.ts';

/** Raised when bytes after the sniffed window turn out not to be UTF-8: the caller re-reads as Latin-1. */
export class NotUtf8Error extends Error {
  constructor(readonly byteOffset: number) {
    super(`invalid UTF-8 near byte ${byteOffset}`);
    this.name = 'NotUtf8Error';
  }
}

export class DecodingStream extends Transform {
  bytesIn = 0;
  private readonly hash: Hash = createHash('sha256');
  private readonly decoder: TextDecoder;
  private first = true;
  /** A CR at the end of a chunk waits for the next one: it may be half of a CRLF. */
  private heldCr = false;
  /** bytesIn after the last chunk holding a line break (CR or LF). */
  lastBreakAt = 0;
  /** Whether any text passed on so far holds a double quote (only then can a field span lines). */
  sawQuote = false;

  /** crlfToLf: turn every CRLF into LF, so files mixing CRLF and LF lines parse with LF. */
  constructor(
    private readonly encoding: TextEncodingName,
    private readonly crlfToLf = false,
  ) {
    // Strings out, unchanged: object mode stops Node from turning them back into Buffers.
    super({ readableObjectMode: true });
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    const offset = this.bytesIn;
    this.bytesIn += chunk.length;
    this.hash.update(chunk);
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new NotUtf8Error(offset));
      return;
    }
    if (text.indexOf('\n') !== -1 || text.indexOf('\r') !== -1) this.lastBreakAt = this.bytesIn;
    if (!this.sawQuote && text.indexOf('"') !== -1) this.sawQuote = true;
    this.emitText(text);
    done();
  }

  override _flush(done: TransformCallback): void {
    try {
      this.emitText(this.decoder.decode());
    } catch {
      done(new NotUtf8Error(this.bytesIn));
      return;
    }
    if (this.heldCr) this.push('\r');
    this.heldCr = false;
    done();
  }

  /** sha256 of every byte seen; valid once the stream has ended. */
  digest(): string {
    return this.hash.digest('hex');
  }

  private emitText(text: string): void {
    if (this.first && text.length > 0) {
      text = stripLatin1Bom(text, this.encoding);
      this.first = false;
    }
    if (this.crlfToLf) text = this.crlfAsLf(text);
    if (text.length > 0) this.push(text);
  }

  private crlfAsLf(text: string): string {
    if (this.heldCr) {
      text = '\r' + text;
      this.heldCr = false;
    }
    if (text.indexOf('\r') === -1) return text;
    if (text.endsWith('\r')) {
      this.heldCr = true;
      text = text.slice(0, -1);
    }
    return text.replace(/\r\n/g, '\n');
  }
}
