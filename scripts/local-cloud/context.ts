import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Per-invocation environment. wx-server-sdk's `getWXContext()` reads `process.env` at call time
 * (WX_CONTEXT_KEYS, WX_OPENID, TCB_SOURCE, …), which is process-global. The host runs every
 * invocation inside `withInvocationEnv`, and `process.env` is replaced once by a proxy that
 * answers from the current invocation's variables first, so concurrent invocations never see
 * each other's identity. Outside any invocation the real environment is seen unchanged.
 */
const store = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

export function installEnvProxy(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  const local = () => store.getStore();
  process.env = new Proxy(real, {
    // Writes go straight to the real environment: Node's env object refuses the partial descriptor
    // a proxy's default [[Set]] would define.
    set(target, key, value) {
      if (typeof key !== 'string') return false;
      target[key] = String(value);
      return true;
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') delete target[key];
      return true;
    },
    get(target, key) {
      const s = local();
      if (s && typeof key === 'string' && Object.hasOwn(s, key)) return s[key];
      return Reflect.get(target, key);
    },
    has(target, key) {
      const s = local();
      return (s !== undefined && typeof key === 'string' && Object.hasOwn(s, key)) || Reflect.has(target, key);
    },
    ownKeys(target) {
      const s = local();
      return s ? [...new Set([...Reflect.ownKeys(target), ...Object.keys(s)])] : Reflect.ownKeys(target);
    },
    getOwnPropertyDescriptor(target, key) {
      const s = local();
      if (s && typeof key === 'string' && Object.hasOwn(s, key)) {
        return { value: s[key], writable: true, enumerable: true, configurable: true };
      }
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Runs `fn` with these variables layered over `process.env` for it and everything it awaits. */
export function withInvocationEnv<T>(vars: Record<string, string>, fn: () => T): T {
  installEnvProxy();
  return store.run(vars, fn);
}

/** Who is calling a function, as WeChat would tell the function. */
export type Identity = {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** `wx_client` (mini-program), `wx_trigger` (timer), `wx_devtools`, `wx_http`, `tcb_admin` (server SDK). */
  source: string;
  clientIp?: string;
};

/** The variables CloudBase sets for an invocation, for the given caller. */
export function invocationEnv(identity: Identity, envId: string): Record<string, string> {
  const vars: Record<string, string> = {
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,TCB_ENV,TCB_SOURCE',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TCB_SOURCE: identity.source,
    TRIGGER_SRC: identity.source === 'wx_trigger' ? 'timer' : '',
  };
  if (identity.openid) vars.WX_OPENID = identity.openid;
  if (identity.appid) vars.WX_APPID = identity.appid;
  if (identity.unionid) vars.WX_UNIONID = identity.unionid;
  if (identity.clientIp) vars.WX_CLIENTIP = identity.clientIp;
  return vars;
}
