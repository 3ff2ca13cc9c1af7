/** Gathers the calls that concurrent jobs make in the same turn of the event loop into one call of `run`. */
export class MicroBatch<Input, Output> {
  private waiting: { input: Input; resolve: (output: Output) => void; reject: (error: unknown) => void }[] = [];
  private inFlight = 0;
  private flushPlanned = false;

  constructor(
    private readonly run: (inputs: Input[]) => Promise<Output[]>,
    private readonly maxSize = 256,
    private readonly maxInFlight = 2,
    private readonly lingerMs = 3,
  ) {}

  call(input: Input): Promise<Output> {
    return new Promise<Output>((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.planFlush();
    });
  }

  private planFlush() {
    if (this.flushPlanned || this.waiting.length === 0 || this.inFlight >= this.maxInFlight) return;
    this.flushPlanned = true;
    const flush = () => {
      this.flushPlanned = false;
      void this.flush();
    };
    if (this.lingerMs > 0 && this.waiting.length < this.maxSize) setTimeout(flush, this.lingerMs);
    else setImmediate(flush);
  }

  private async flush() {
    if (this.inFlight >= this.maxInFlight) return;
    const batch = this.waiting.splice(0, this.maxSize);
    if (batch.length === 0) return;
    this.inFlight++;
    this.planFlush();
    try {
      const outputs = await this.run(batch.map((entry) => entry.input));
      batch.forEach((entry, i) => entry.resolve(outputs[i]));
    } catch (error) {
      if (batch.length === 1) batch[0].reject(error);
      else
        await Promise.all(
          batch.map((entry) => this.run([entry.input]).then(([output]) => entry.resolve(output), entry.reject)),
        );
    } finally {
      this.inFlight--;
      this.planFlush();
    }
  }
}
