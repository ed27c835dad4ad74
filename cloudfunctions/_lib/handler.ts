import { z } from 'zod';
import { isAppError, type Reply } from '../../shared/errors';
import { anonymousCaller, type CallerContext, type GlobalRole, loadCaller } from './caller';
import { now } from './clock';
import { cloud } from './cloud';
import { LIB_ERRORS } from './errors';
import { type Logger, logger } from './logger';

/** What a handler receives: its parsed input, the caller resolved from the WeChat context, and the time. */
export interface ActionContext<I> {
  input: I;
  caller: CallerContext;
  now: Date;
  log: Logger;
}

/** One row of an action table. No action can exist without a schema; `roles` absent means anyone. */
export interface ActionDef<S extends z.ZodType, R> {
  input: S;
  roles?: readonly GlobalRole[];
  /**
   * The handler needs only the caller's openid, not their person record: the wrapper then skips that read
   * (a QR report, open to anyone, saves one database request on its hot path). Only valid without `roles`.
   */
  identityOnly?: boolean;
  handler: (ctx: ActionContext<z.output<S>>) => Promise<R>;
}

/** A row with its types erased, so rows with different schemas fit one table. */
export type AnyAction = ActionDef<z.ZodType, unknown>;

declare const WIRE: unique symbol;

/**
 * A row as `action()` returns it: erased enough to fit one table, yet still carrying (as a phantom, never set
 * at run time) what its payload accepts and what its handler answers, so `cloudfunctions/_lib/contract.check.ts` can hold
 * every row to its entry in `shared/contract/`.
 */
export type TypedAction<S extends z.ZodType, R> = AnyAction & {
  readonly [WIRE]?: { input: z.input<S>; output: z.output<S>; reply: R };
};

/** What a row accepts, parses it to and answers: `{ input, output, reply }` (the reply before JSON). */
export type WireOf<A> = A extends { readonly [WIRE]?: infer X } ? Exclude<X, undefined> : never;

/** Declares a row, keeping the handler's input type tied to its schema. */
export const action = <S extends z.ZodType, R>(def: ActionDef<S, R>): TypedAction<S, R> => def as unknown as TypedAction<S, R>;

// `userInfo` is added by CloudBase to client events; it is stripped, never trusted. Anything else is refused.
const Envelope = z.strictObject({ action: z.string().regex(/^[A-Za-z]{1,40}$/), payload: z.unknown().optional() });

const issuesOf = (e: z.ZodError) =>
  e.issues.slice(0, 5).map((i) => ({ path: i.path.map(String).join('.').slice(0, 100), message: i.message.slice(0, 200) }));

const fail = (code: string, message: string, details?: Record<string, unknown>): Reply<never> =>
  details ? { code, message, details } : { code, message };

/**
 * Builds a function's `main` from its action table: parses the envelope and the payload strictly (before any
 * database request), resolves the caller from `cloud.getWXContext()` only, checks the role gate, runs the
 * handler, and maps results: `{ code: 0, data }`, an AppError → `{ code, message }`, anything else → logged
 * and returned as `SYSTEM.INTERNAL` without a stack.
 */
export function createHandler(fn: string, table: Readonly<Record<string, AnyAction>>) {
  return async function main(event: unknown, _context?: unknown): Promise<Reply<unknown>> {
    const started = Date.now();
    let actionName = '?';
    try {
      const raw = event && typeof event === 'object' && !Array.isArray(event) ? { ...(event as Record<string, unknown>) } : event;
      if (raw && typeof raw === 'object') delete (raw as Record<string, unknown>).userInfo;
      const env = Envelope.safeParse(raw);
      if (!env.success) return fail(LIB_ERRORS.BAD_EVENT, 'expected { action, payload }', { issues: issuesOf(env.error) });
      actionName = env.data.action;
      const def = Object.hasOwn(table, actionName) ? table[actionName] : undefined;
      if (!def) return fail(LIB_ERRORS.UNKNOWN_ACTION, `no action ${actionName.slice(0, 40)}`);
      const input = def.input.safeParse(env.data.payload ?? {});
      if (!input.success) return fail(LIB_ERRORS.INVALID, 'invalid request', { issues: issuesOf(input.error) });

      const openid = cloud.getWXContext().OPENID;
      if (!openid) return fail(LIB_ERRORS.NO_IDENTITY, 'no WeChat identity');
      const caller = def.identityOnly && !def.roles ? anonymousCaller(openid) : await loadCaller(openid);
      if (def.roles && !def.roles.some((r) => caller.globalRoles.has(r))) {
        return fail(LIB_ERRORS.FORBIDDEN, `${actionName} needs one of: ${def.roles.join(', ')}`);
      }
      const data = await def.handler({ input: input.data, caller, now: now(), log: logger });
      return { code: 0, data };
    } catch (e) {
      if (isAppError(e)) return fail(e.code, e.message, e.details);
      logger.error('unhandled error', { fn, action: actionName, error: e, ms: Date.now() - started });
      return fail(LIB_ERRORS.INTERNAL, 'internal error');
    }
  };
}
