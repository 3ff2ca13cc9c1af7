import { AsyncLocalStorage } from 'node:async_hooks';

export type Role = 'secretariat' | 'member';

/** Who is acting: an API token, the admin token, or the system itself (jobs, seeds). */
export interface Actor {
  kind: 'admin' | 'token' | 'system';
  id: string | null;
  name: string;
  role: Role;
}

export interface RequestContext {
  requestId: string;
  actor?: Actor;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(context: RequestContext, fn: () => T): T {
    return storage.run(context, fn);
  },
  get(): RequestContext | undefined {
    return storage.getStore();
  },
  actor(): Actor {
    return storage.getStore()?.actor ?? SYSTEM_ACTOR;
  },
};

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, name: 'system', role: 'secretariat' };
