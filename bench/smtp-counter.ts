import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A minimal SMTP sink for benchmarks: it accepts everything and counts, without parsing. */
export async function startSmtpCounter(): Promise<{ url: string; accepted: () => number; acceptedAt: Map<string, number>; stop: () => Promise<void> }> {
  let accepted = 0;
  const acceptedAt = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 4096) head += chunk.toString('utf8');
      });
      stream.on('end', () => {
        accepted++;
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1];
        if (id) acceptedAt.set(id, Date.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, accepted: () => accepted, acceptedAt, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
