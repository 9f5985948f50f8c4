import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Actor, SYSTEM_ACTOR } from '@intercity/contracts';
import type { Principal } from '@intercity/auth';

/**
 * What a piece of work is being done for: who asked, which request or event started it, and the
 * trace it belongs to. Set by the HTTP middleware and by the event consumer; read where events are
 * written, so every event carries its actor, correlation and causation without threading them by hand.
 */
export interface CallContext {
  actor: Actor;
  correlationId: string;
  /** The event that caused this work, when an event did. */
  causationId: string | null;
  /** W3C trace context of the caller, carried on into the events this work emits. */
  traceparent?: string;
  /** The verified identity of the person asking, for features to check what they may touch. */
  principal?: Principal;
}

const storage = new AsyncLocalStorage<CallContext>();

export const CallContexts = {
  run<T>(ctx: CallContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  /** Once the request's identity is verified, the person becomes the actor of what it changes. */
  setPrincipal(principal: Principal): void {
    const ctx = storage.getStore();
    if (!ctx) throw new Error('no call context to set the principal of');
    ctx.principal = principal;
    ctx.actor = { kind: 'person', id: principal.subject, roles: [...new Set(principal.grants.map((g) => g.role))] };
  },

  current(): CallContext {
    return storage.getStore() ?? { actor: SYSTEM_ACTOR, correlationId: randomUUID(), causationId: null };
  },
};
