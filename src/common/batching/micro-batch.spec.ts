import { MicroBatch } from './micro-batch';

describe('MicroBatch', () => {
  it('runs the calls made together as one batch and gives each caller its own result', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch(async (inputs: number[]) => {
      batches.push(inputs);
      return inputs.map((n) => n * 10);
    });
    const results = await Promise.all([1, 2, 3, 4].map((n) => batch.call(n)));
    expect(results).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('never runs more than its size at once, and keeps later calls for the next batch', async () => {
    const batches: number[][] = [];
    const batch = new MicroBatch(
      async (inputs: number[]) => {
        batches.push(inputs);
        return inputs;
      },
      3,
      1,
    );
    expect(await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => batch.call(n)))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('lets calls made a moment apart join the same batch', async () => {
    const batches: number[][] = [];
    // A linger far longer than the moment between the calls, so a slow timer on a busy machine still joins them.
    const batch = new MicroBatch(
      async (inputs: number[]) => {
        batches.push(inputs);
        return inputs;
      },
      256,
      2,
      100,
    );
    const first = batch.call(1);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(await Promise.all([first, batch.call(2)])).toEqual([1, 2]);
    expect(batches).toEqual([[1, 2]]);
  });

  it('when a whole batch fails, runs each input alone so that only the bad one fails', async () => {
    const batch = new MicroBatch(async (inputs: number[]) => {
      if (inputs.includes(13)) throw new Error(`13 is refused (batch of ${inputs.length})`);
      return inputs.map((n) => n + 1);
    });
    const results = await Promise.allSettled([12, 13, 14].map((n) => batch.call(n)));
    expect(results).toEqual([
      { status: 'fulfilled', value: 13 },
      { status: 'rejected', reason: new Error('13 is refused (batch of 1)') },
      { status: 'fulfilled', value: 15 },
    ]);
  });
});
