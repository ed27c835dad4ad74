/**
 * The in-process seam: @cloudbase/database builds every request through the static `Db.reqClass`
 * and calls `send(action, params)`. node-sdk assigns `Db.reqClass` on every `database()` call, so
 * the replacement is a getter with an ignoring setter. Replies go back exactly as the HTTP API
 * would send them; errors are thrown carrying `code`, as node-sdk throws them over HTTP.
 */
import { Db } from '@cloudbase/database';

export type Dispatch = (action: string, params: Record<string, unknown>) => Promise<Record<string, unknown>>;

let current: Dispatch | null = null;

class LocalRequester {
  async send(action: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    if (!current) throw new Error('the local cloud database seam is not connected');
    return current(action, params);
  }
}

/** Routes every database request of the real SDKs in this process to `dispatch`. */
export function installDatabaseSeam(dispatch: Dispatch): void {
  current = dispatch;
  Object.defineProperty(Db, 'reqClass', {
    configurable: true,
    get: () => LocalRequester,
    set: () => {},
  });
}

export function removeDatabaseSeam(dispatch: Dispatch): void {
  if (current === dispatch) current = null;
}
