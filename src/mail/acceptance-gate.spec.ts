import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AcceptanceGate, AcceptanceTicket } from './acceptance-gate';

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
};

/**
 * Places held at the gate, read through its tickets as a sender would: how many fresh tickets fail
 * to take a place at once. The probes are given back, so the gate is left as it was.
 */
const placesHeld = async (gate: AcceptanceGate) => {
  const holders: AcceptanceTicket[] = [];
  for (let i = 0; i < gate.places; i++) {
    const probe = gate.ticket();
    if (!(await settled(probe.take()))) {
      probe.giveBack();
      break;
    }
    holders.push(probe);
  }
  for (const probe of holders) probe.giveBack();
  return gate.places - holders.length;
};

describe('AcceptanceGate', () => {
  it('gives its places in the order they were asked for, one at a time with one place', async () => {
    const gate = new AcceptanceGate(1);
    const [a, b, c] = [gate.ticket(), gate.ticket(), gate.ticket()];
    const order: string[] = [];
    const taken = [
      a.take().then(() => order.push('a')),
      b.take().then(() => order.push('b')),
      c.take().then(() => order.push('c')),
    ];
    expect(await settled(taken[0])).toBe(true);
    expect(await settled(taken[1])).toBe(false);
    a.giveBack();
    expect(await settled(taken[1])).toBe(true);
    expect(await settled(taken[2])).toBe(false);
    b.giveBack();
    await taken[2];
    expect(order).toEqual(['a', 'b', 'c']);
    expect(await placesHeld(gate)).toBe(1);
    c.giveBack();
    expect(await placesHeld(gate)).toBe(0);
  });

  it('holds as many at once as it has places', async () => {
    const gate = new AcceptanceGate(2);
    const tickets = [gate.ticket(), gate.ticket(), gate.ticket()];
    const taken = tickets.map((ticket) => ticket.take());
    expect([await settled(taken[0]), await settled(taken[1]), await settled(taken[2])]).toEqual([true, true, false]);
    tickets[1].giveBack();
    expect(await settled(taken[2])).toBe(true);
    expect(await placesHeld(gate)).toBe(2);
  });

  it('lets a waiting ticket given back leave the queue without taking a place', async () => {
    const gate = new AcceptanceGate(1);
    const [holder, leaver, next] = [gate.ticket(), gate.ticket(), gate.ticket()];
    await holder.take();
    const leaving = leaver.take();
    const nextTaken = next.take();
    leaver.giveBack();
    // Its take settles, so a stream waiting on it does not hang, but it holds nothing.
    expect(await settled(leaving)).toBe(true);
    expect(await settled(nextTaken)).toBe(false);
    holder.giveBack();
    expect(await settled(nextTaken)).toBe(true);
    expect(await placesHeld(gate)).toBe(1);
  });

  it('ignores a ticket given back twice, or given back unused', async () => {
    const gate = new AcceptanceGate(1);
    const used = gate.ticket();
    await used.take();
    used.giveBack();
    used.giveBack();
    gate.ticket().giveBack();
    expect(await placesHeld(gate)).toBe(0);
    const other = gate.ticket();
    expect(await settled(other.take())).toBe(true);
    expect(await placesHeld(gate)).toBe(1);
  });

  describe('gated', () => {
    const collect = () => {
      const chunks: Buffer[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
          chunks.push(chunk);
          done();
        },
      });
      return { sink, text: () => Buffer.concat(chunks).toString() };
    };

    it('passes the whole message on, and ends it only once the ticket is taken', async () => {
      const gate = new AcceptanceGate(1);
      const holder = gate.ticket();
      await holder.take();
      const message = new PassThrough();
      message.end('Subject: x\r\n\r\nbody');
      const { sink, text } = collect();
      const sent = pipeline(AcceptanceGate.gated(message, gate.ticket()), sink);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(text()).toBe('Subject: x\r\n\r\nbody');
      expect(await settled(sent)).toBe(false);
      holder.giveBack();
      await sent;
      expect(await placesHeld(gate)).toBe(1);
    });

    it('asks for no place until the message is read: the envelope is exchanged without one', async () => {
      const gate = new AcceptanceGate(1);
      const message = new PassThrough();
      message.end('data');
      const gated = AcceptanceGate.gated(message, gate.ticket());
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await placesHeld(gate)).toBe(0);
      expect(gated.readableDidRead).toBe(false);
      const { sink } = collect();
      await pipeline(gated, sink);
      expect(await placesHeld(gate)).toBe(1);
    });

    it('fails with its message, even before anything read it, and takes no place', async () => {
      const gate = new AcceptanceGate(1);
      const message = new PassThrough();
      const gated = AcceptanceGate.gated(message, gate.ticket());
      const failed = new Promise<Error>((resolve) => gated.once('error', resolve));
      message.destroy(new Error('could not build the message'));
      expect((await failed).message).toBe('could not build the message');
      expect(gated.destroyed).toBe(true);
      expect(await placesHeld(gate)).toBe(0);
    });

    it('releases its message when the connection gives the send up', async () => {
      const message = new PassThrough();
      message.write('part of the data');
      const gated = AcceptanceGate.gated(message, new AcceptanceGate(1).ticket());
      gated.destroy();
      await new Promise((resolve) => setImmediate(resolve));
      expect(message.destroyed).toBe(true);
    });
  });
});
