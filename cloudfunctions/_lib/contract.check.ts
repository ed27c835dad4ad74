/**
 * Compile-time only (never imported, never bundled): every ACTIONS row of every cloud function matches its
 * entry in shared/contract/. For each action:
 * - the contract's input lies between the schema's output and its input: a payload the contract allows is
 *   accepted by the schema (`Contract ⊑ z.input`), and what the schema produces fits the contract
 *   (`z.output ⊑ Contract`), so optional, defaulted and normalised fields are declared as the client sends them;
 * - the handler's reply, after JSON (a `Date` travels as an ISO string), and the contract's reply are each
 *   assignable to the other;
 * - both tables have the same actions.
 * A row that drifts fails `tsc` here with the function and action in the error.
 */
import type { Contracts } from '../../shared/contract';
import type { ACTIONS as admin } from '../admin/index';
import type { ACTIONS as assets } from '../assets/index';
import type { ACTIONS as briefings } from '../briefings/index';
import type { ACTIONS as contracts } from '../contracts/index';
import type { ACTIONS as escalation } from '../escalation/index';
import type { ACTIONS as org } from '../org/index';
import type { ACTIONS as overview } from '../overview/index';
import type { ACTIONS as patrols } from '../patrols/index';
import type { ACTIONS as posters } from '../posters/index';
import type { ACTIONS as scoring } from '../scoring/index';
import type { ACTIONS as stats } from '../stats/index';
import type { ACTIONS as supervision } from '../supervision/index';
import type { ACTIONS as surveys } from '../surveys/index';
import type { ACTIONS as tickets } from '../tickets/index';
import type { WireOf } from './handler';

/** A value as it arrives after `JSON.stringify`: dates become strings. */
export type Wire<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? T extends unknown[]
      ? Wire<U>[]
      : readonly Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

type Fits<A, B> = [A] extends [B] ? true : false;

/** `true`, or a description of what does not match. */
type Check<Row, Entry> = Row extends { input: infer I; reply: infer R }
  ? Entry extends { input: infer CI; reply: infer CR }
    ? Fits<CI, I> extends false
      ? { error: 'the contract allows a payload the schema refuses'; contract: CI; schema: I }
      : Fits<Wire<R>, CR> extends false
        ? { error: 'the handler answers what the contract does not declare'; handler: Wire<R>; contract: CR }
        : Fits<CR, Wire<R>> extends false
          ? { error: 'the contract declares a reply the handler does not give'; contract: CR; handler: Wire<R> }
          : true
    : { error: 'no contract entry' }
  : { error: 'not a typed action row' };

type OutputFits<Row, Entry> = Row extends { output: infer O }
  ? Entry extends { input: infer CI }
    ? Fits<O, CI> extends true
      ? true
      : { error: 'the schema produces what the contract input does not declare'; schema: O; contract: CI }
    : false
  : false;

type Rows<T> = { [A in keyof T]: WireOf<T[A]> };

type CheckFunction<T, C> = {
  [A in keyof T | keyof C]: A extends keyof T
    ? A extends keyof C
      ? [Check<Rows<T>[A], C[A]>, OutputFits<Rows<T>[A], C[A]>]
      : { error: 'an action with no contract entry' }
    : { error: 'a contract entry with no action' };
};

type AllTrue<T> = { [K in keyof T]: T[K] extends [true, true] ? true : T[K] };
/** The actions of a function that fail, with why (for reading the error). */
export type Failing<T, C> = {
  [K in keyof AllTrue<CheckFunction<T, C>> as AllTrue<CheckFunction<T, C>>[K] extends true ? never : K]: AllTrue<CheckFunction<T, C>>[K];
};

type Server = {
  admin: typeof admin;
  assets: typeof assets;
  briefings: typeof briefings;
  contracts: typeof contracts;
  escalation: typeof escalation;
  org: typeof org;
  overview: typeof overview;
  patrols: typeof patrols;
  posters: typeof posters;
  scoring: typeof scoring;
  stats: typeof stats;
  supervision: typeof supervision;
  surveys: typeof surveys;
  tickets: typeof tickets;
};

type Expect<T extends Record<string, Record<string, true>>> = T;

/** Fails to compile, naming the function, the action and the mismatch, when a row and its entry differ. */
export type ContractHolds = Expect<{
  [F in keyof Server | keyof Contracts]: F extends keyof Server
    ? F extends keyof Contracts
      ? AllTrue<CheckFunction<Server[F], Contracts[F]>>
      : { missing: 'no contract for this function' }
    : { missing: 'no function for this contract' };
}>;
