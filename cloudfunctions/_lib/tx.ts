import { isAppError } from '../../shared/errors';
import { db } from './cloud';

/**
 * The part of a wx-server-sdk transaction this project uses: single-document reads and writes only (CloudBase
 * allows no queries inside a transaction).
 */
export interface TxDoc {
  get(): Promise<{ data: Record<string, unknown> }>;
  set(o: { data: Record<string, unknown> }): Promise<unknown>;
  update(o: { data: Record<string, unknown> }): Promise<unknown>;
}
export interface Tx {
  collection(name: string): { doc(id: string): TxDoc; add(o: { data: Record<string, unknown> }): Promise<unknown> };
}

/** A write lost to a concurrent transaction: safe to retry from the start. */
export const isTxConflict = (e: unknown): boolean =>
  /TransactionConflict|Transaction is conflict/i.test(String((e as Error)?.message ?? e));

/** A document as the transaction sees it, or null: wx-server-sdk throws "does not exist" for a missing one. */
export async function txGet<T>(tx: Tx, collection: string, id: string): Promise<T | null> {
  try {
    return (await tx.collection(collection).doc(id).get()).data as T;
  } catch (e) {
    if (/does not exist/.test(String((e as Error)?.message ?? e))) return null;
    throw e;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Attempts for a transaction that many callers may contend for at once (one problem's "+1"s, one person's
 * rating flood, one invite): enough for 32 simultaneous callers, within a 10 s function timeout.
 */
export const CONTENDED_ATTEMPTS = 24;

/**
 * Runs `fn` in a transaction, starting over when it loses a write conflict (wx-server-sdk rewraps the
 * conflict error, so the SDK's own retry never fires). An AppError thrown by `fn` aborts without retry.
 * Each attempt re-reads everything, so a retry sees what the winner committed.
 */
export async function runTx<T>(fn: (tx: Tx) => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db().runTransaction(async (tx: unknown) => fn(tx as Tx), 0)) as T;
    } catch (e) {
      if (isAppError(e) || !isTxConflict(e) || attempt >= attempts) throw e;
      await pause(10 * attempt + Math.floor(Math.random() * 20));
    }
  }
}
