import { requestContext } from '../request-context';
import { JsonLogger } from './json-logger';

function capture(fn: () => void): string[] {
  const lines: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  (process.stdout as { write: unknown }).write = (chunk: string) => {
    lines.push(String(chunk));
    return true;
  };
  try {
    fn();
  } finally {
    (process.stdout as { write: unknown }).write = original;
  }
  return lines;
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, context and the request id', () => {
    const lines = capture(() =>
      requestContext.run({ requestId: 'req-7' }, () => new JsonLogger('info').log('hello', 'Main')),
    );
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'info', context: 'Main', requestId: 'req-7', msg: 'hello' });
  });

  it("keeps Nest's line per module and route for the debug level", () => {
    const info = capture(() => {
      const logger = new JsonLogger('info');
      logger.log('Mapped {/api/members, GET} route', 'RouterExplorer');
      logger.log('AppModule dependencies initialized', 'InstanceLoader');
      logger.log('listening on http://localhost:3000', 'Main');
    });
    expect(info.map((l) => (JSON.parse(l) as { context: string }).context)).toEqual(['Main']);
    const debug = capture(() => new JsonLogger('debug').log('Mapped {/api/members, GET} route', 'RouterExplorer'));
    expect(JSON.parse(debug[0])).toMatchObject({ level: 'debug', context: 'RouterExplorer' });
  });

  it('never writes a password, query token or bearer token, in messages, objects or stacks', () => {
    const lines = capture(() => {
      const logger = new JsonLogger('debug');
      logger.log('connecting to smtp://mailer:s3cr3t-pass@mail.example.org:587');
      logger.log({ msg: 'request', path: '/api/x?token=tok-abc123' });
      logger.error(new Error('failed with Authorization: Bearer wgs_leaky_token'));
    });
    const all = lines.join('\n');
    expect(all).not.toContain('s3cr3t-pass');
    expect(all).not.toContain('tok-abc123');
    expect(all).not.toContain('wgs_leaky_token');
    expect(lines).toHaveLength(3);
  });

  it('drops lines below its level', () => {
    expect(capture(() => new JsonLogger('warn').log('quiet'))).toHaveLength(0);
    expect(capture(() => new JsonLogger('warn').warn('loud'))).toHaveLength(1);
  });
});
