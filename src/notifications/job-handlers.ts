import { Injectable } from '@nestjs/common';

/** Jobs other features run on the notifications queue (the weekly digest), so the one worker can run them. */
@Injectable()
export class JobHandlers {
  private readonly handlers = new Map<string, () => Promise<unknown>>();

  register(name: string, handler: () => Promise<unknown>) {
    this.handlers.set(name, handler);
  }

  get(name: string): (() => Promise<unknown>) | undefined {
    return this.handlers.get(name);
  }
}
