import { Readable } from 'node:stream';

/**
 * One email's place at the gate. The stream takes it when the email's data has gone out and only
 * the terminating "." is left to send; the sender gives it back once the server's answer is recorded,
 * or once the send has failed. Giving back a place never taken, or twice, does nothing.
 */
export interface AcceptanceTicket {
  /** Resolves when the email may end its data; resolves at once if the ticket was given back meanwhile. */
  take(): Promise<void>;
  giveBack(): void;
}

/**
 * Bounds how many emails of this process are between ending their data and having the server's
 * acceptance recorded. A worker killed in that span leaves those emails to be sent again, so the bound
 * is the most duplicates one crash can cause, whatever the number of SMTP connections: they still
 * exchange envelopes and bodies side by side, and only wait here for the last round trip.
 */
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

  /** The held place goes straight to the longest waiter, so no newcomer overtakes the queue. */
  private pass(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held--;
  }

  /**
   * The message as the SMTP connection reads it, holding back its end until the ticket is taken. The
   * connection starts reading only after the server's "354", so nothing waits here during the envelope.
   */
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
