import { AppError } from '../../../shared/errors';
import {
  complianceDelta,
  finishEvent,
  OCCURRENCE_STATES,
  OCCURRENCE_TRANSITIONS,
  onTimeRate,
  sweepEvent,
  transition,
} from '../../../shared/patrols';

const at = (iso: string) => new Date(iso);

describe('occurrence lifecycle', () => {
  it.each([
    ['upcoming', 'open', 'system', 'open'],
    ['upcoming', 'begin', 'assignee', 'visiting'],
    ['open', 'begin', 'assignee', 'visiting'],
    ['open', 'miss', 'system', 'missed'],
    ['open', 'excuse', 'owner', 'excused'],
    ['visiting', 'finishOnTime', 'assignee', 'doneOnTime'],
    ['visiting', 'finishLate', 'assignee', 'doneLate'],
    ['missed', 'excuse', 'owner', 'excused'],
  ] as const)('%s --%s by %s--> %s', (from, event, actor, to) => {
    expect(transition(from, event, actor)).toBe(to);
  });

  it.each([
    ['visiting', 'miss', 'system'],
    ['missed', 'begin', 'assignee'],
    ['doneOnTime', 'excuse', 'owner'],
    ['excused', 'excuse', 'owner'],
    ['open', 'excuse', 'assignee'],
    ['open', 'begin', 'system'],
  ] as const)('refuses %s --%s by %s', (from, event, actor) => {
    expect(() => transition(from, event, actor)).toThrow(AppError);
    try {
      transition(from, event, actor);
    } catch (e) {
      expect((e as AppError).code).toBe('PATROL.INVALID_TRANSITION');
    }
  });

  it('has a row for every state, and final states lead nowhere', () => {
    expect(Object.keys(OCCURRENCE_TRANSITIONS).sort()).toEqual([...OCCURRENCE_STATES].sort());
    for (const s of ['doneOnTime', 'doneLate', 'excused'] as const) expect(OCCURRENCE_TRANSITIONS[s]).toEqual({});
  });

  it('finishes on time when the visit began by the due time', () => {
    expect(finishEvent(at('2032-03-10T04:30:00Z'), at('2032-03-10T04:30:00Z'))).toBe('finishOnTime');
    expect(finishEvent(at('2032-03-10T04:30:00Z'), at('2032-03-10T04:30:01Z'))).toBe('finishLate');
  });

  it('sweeps: opens at the start, misses at the miss time, leaves visits alone', () => {
    const o = { startAt: at('2032-03-10T03:30:00Z'), missAt: at('2032-03-10T05:00:00Z') };
    expect(sweepEvent({ ...o, state: 'upcoming' }, at('2032-03-10T03:29:59Z'))).toBeNull();
    expect(sweepEvent({ ...o, state: 'upcoming' }, at('2032-03-10T03:30:00Z'))).toBe('open');
    expect(sweepEvent({ ...o, state: 'open' }, at('2032-03-10T05:00:00Z'))).toBe('miss');
    expect(sweepEvent({ ...o, state: 'upcoming' }, at('2032-03-10T06:00:00Z'))).toBe('miss');
    expect(sweepEvent({ ...o, state: 'visiting' }, at('2032-03-10T06:00:00Z'))).toBeNull();
  });

  it('counts each occurrence once in compliance; excusing a missed one moves it', () => {
    expect(complianceDelta('visiting', 'doneOnTime')).toEqual({ s: 1, on: 1 });
    expect(complianceDelta('open', 'missed')).toEqual({ s: 1, miss: 1 });
    expect(complianceDelta('missed', 'excused')).toEqual({ miss: -1, exc: 1 });
    expect(complianceDelta('upcoming', 'open')).toEqual({});
    expect(onTimeRate({ s: 10, on: 6, exc: 2 })).toBe(0.75);
    expect(onTimeRate({ s: 2, exc: 2 })).toBeNull();
  });
});
