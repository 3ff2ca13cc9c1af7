import { answerWithin } from './answer-within';

describe('answerWithin', () => {
  it('gives the answer that comes in time', async () => {
    await expect(answerWithin(Promise.resolve(42), 1000, 'too slow')).resolves.toBe(42);
  });

  it('gives the failure that comes in time', async () => {
    await expect(answerWithin(Promise.reject(new Error('refused')), 1000, 'too slow')).rejects.toThrow('refused');
  });

  it('gives up with the message when no answer comes in time', async () => {
    const never = new Promise<never>(() => undefined);
    await expect(answerWithin(never, 20, 'the queue did not answer within 20 ms')).rejects.toThrow(
      'the queue did not answer within 20 ms',
    );
  });
});
