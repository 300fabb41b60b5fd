// A peer program kept running for a whole benchmark cell: it loads the data once, then fits on
// each request line and answers one JSON line, so its fits can interleave with ours round by round.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

export class LineRunner<Answer> {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: ((line: string) => void)[] = [];
  private stderr = '';

  constructor(
    private readonly what: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.child = spawn(command, args, { env });
    this.child.stderr.on('data', (d: Buffer) => (this.stderr += d.toString()));
    createInterface({ input: this.child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    this.child.on('exit', () => {
      for (const w of this.waiting.splice(0)) w('');
    });
  }

  /** Sends one request line; resolves with the parsed answer, rejects with the peer's last error line. */
  request(line: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      this.waiting.push((answer) => {
        if (!answer) reject(new Error(`${this.what} failed: ${this.stderr.trim().split('\n').pop() ?? 'no output'}`));
        else resolve(JSON.parse(answer) as Answer);
      });
      this.child.stdin.write(`${line}\n`);
    });
  }

  close(): void {
    this.child.stdin.end('quit\n');
  }
}
