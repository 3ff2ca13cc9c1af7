import { Readable } from 'node:stream';

export interface AcceptanceTicket {
  take(): Promise<void>;
  giveBack(): void;
}

/** Bounds how many emails of this process are between ending their data and having the server's acceptance recorded. */
export class AcceptanceGate {
  private held = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly places: number) {}

  ticket(): AcceptanceTicket {
    let state: 'new' | 'waiting' | 'holding' | 'done' = 'new';
    let wake: (() => void) | null = null;
    return {
      take: () => {
        if (state !== 'new') return Promise.resolve();
        if (this.held < this.places) {
          this.held++;
          state = 'holding';
          return Promise.resolve();
        }
        state = 'waiting';
        return new Promise<void>((resolve) => {
          wake = () => {
            state = 'holding';
            resolve();
          };
          this.waiting.push(wake);
        });
      },
      giveBack: () => {
        if (state === 'holding') this.pass();
        else if (state === 'waiting') {
          this.waiting.splice(this.waiting.indexOf(wake!), 1);
          // The stream waiting on it is being destroyed with its failed send; it must not hang meanwhile.
          wake!();
        }
        state = 'done';
      },
    };
  }

  private pass(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }

  static gated(message: Readable, ticket: AcceptanceTicket): Readable {
    let started = false;
    const gated = new Readable({
      read() {
        if (started) {
          message.resume();
          return;
        }
        started = true;
        message.on('data', (chunk: Buffer) => {
          if (!gated.push(chunk)) message.pause();
        });
        message.once('end', () => {
          void ticket.take().then(() => {
            if (!gated.destroyed) gated.push(null);
          });
        });
      },
      destroy(error, callback) {
        message.destroy();
        callback(error);
      },
    });
    // From the start, not from the first read: a message failing before the server's "354" must fail its send, not the process.
    message.once('error', (error) => gated.destroy(error));
    return gated;
  }
}
