import type { Unit } from '../../../shared/org';
import {
  assertRedeemable,
  bindingsFor,
  INVITE_ALPHABET,
  InviteCode,
  inviteCodeFrom,
  inviteStatus,
  mergeBindings,
  sameBindings,
} from '../../../shared/org/invite';

const OFFICE: Unit = { _id: 'office', kind: 'office', name: '总务部', parentId: null };
const CENTRE: Unit = { _id: 'centre', kind: 'centre', name: '物业服务中心', parentId: 'office' };
const CONTRACTOR: Unit = { _id: 'co', kind: 'contractor', name: '保洁公司', parentId: 'centre', contractRef: 'HT-1' };
const NOW = new Date('2026-03-04T06:00:00Z');

describe('invite codes', () => {
  it('leaves out the look-alikes 0, O, 1 and I and has 32 symbols', () => {
    expect(INVITE_ALPHABET).toHaveLength(32);
    expect(new Set(INVITE_ALPHABET).size).toBe(32);
    for (const c of '01OI') expect(INVITE_ALPHABET).not.toContain(c);
  });

  it('makes an 8-character code from random bytes, using every symbol', () => {
    const seen = new Set<string>();
    for (let b = 0; b < 256; b += 8) {
      const code = inviteCodeFrom([b, b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7]);
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
      for (const c of code) seen.add(c);
    }
    expect(seen.size).toBe(32);
  });

  it('needs eight random bytes', () => {
    expect(() => inviteCodeFrom([1, 2, 3])).toThrow(RangeError);
  });

  it.each([
    ['abcd-efgh', 'ABCDEFGH'],
    [' ABCD EFGH ', 'ABCDEFGH'],
    ['23456789', '23456789'],
  ])('reads %j as %s', (typed, code) => {
    expect(InviteCode.parse(typed)).toBe(code);
  });

  it.each(['ABCDEFG', 'ABCDEFGHJ', 'ABCDEFG0', 'ABCDEFGO', 'ABCDEFGI', 'ABCDEFG1', 12345678, null])('refuses %j', (typed) => {
    expect(InviteCode.safeParse(typed).success).toBe(false);
  });
});

describe('bindingsFor', () => {
  it.each<[string, Unit, Array<'staff' | 'manager' | 'inspector'>, unknown[]]>([
    [
      'staff and a manager of a contractor',
      CONTRACTOR,
      ['staff', 'manager'],
      [
        { role: 'staff', unitId: 'co' },
        { role: 'manager', unitId: 'co' },
      ],
    ],
    ['an office inspector', OFFICE, ['inspector'], [{ role: 'inspector', level: 'office' }]],
    ['a centre inspector', CENTRE, ['inspector'], [{ role: 'inspector', level: 'centre', unitId: 'centre' }]],
    ['a role asked twice once', CENTRE, ['staff', 'staff'], [{ role: 'staff', unitId: 'centre' }]],
  ])('binds %s', (_label, unit, roles, expected) => {
    expect(bindingsFor(roles, unit)).toEqual(expected);
  });

  it('refuses an inspector of a contractor with INVITE.INVALID_BINDING', () => {
    expect(() => bindingsFor(['inspector'], CONTRACTOR)).toThrow(expect.objectContaining({ code: 'INVITE.INVALID_BINDING' }));
  });
});

describe('mergeBindings', () => {
  it('adds only bindings not held yet, keeping the order', () => {
    const held = [{ role: 'staff' as const, unitId: 'a' }];

    expect(mergeBindings(held, [{ role: 'staff', unitId: 'a' }, { role: 'staff', unitId: 'b' }, { role: 'leader' }])).toEqual([
      { role: 'staff', unitId: 'a' },
      { role: 'staff', unitId: 'b' },
      { role: 'leader' },
    ]);
  });

  it('tells an office inspector from a centre inspector', () => {
    expect(mergeBindings([{ role: 'inspector', level: 'office' }], [{ role: 'inspector', level: 'centre', unitId: 'c' }])).toHaveLength(2);
  });

  it('compares binding lists as sets', () => {
    expect(sameBindings([{ role: 'leader' }, { role: 'admin' }], [{ role: 'admin' }, { role: 'leader' }])).toBe(true);
    expect(sameBindings([{ role: 'leader' }], [{ role: 'admin' }])).toBe(false);
  });
});

describe('inviteStatus', () => {
  const base = { revokedAt: null, expiresAt: new Date(NOW.getTime() + 60_000), uses: 0, maxUses: 1 };

  it.each([
    ['active', {}, 'active'],
    ['revoked (even when also expired)', { revokedAt: NOW, expiresAt: NOW }, 'revoked'],
    ['expired at the exact instant', { expiresAt: NOW }, 'expired'],
    ['used up', { uses: 1 }, 'used_up'],
  ])('reads an invite as %s', (_label, over, status) => {
    expect(inviteStatus({ ...base, ...over }, NOW)).toBe(status);
  });

  it.each([
    [{ revokedAt: NOW }, 'INVITE.REVOKED'],
    [{ expiresAt: NOW }, 'INVITE.EXPIRED'],
    [{ uses: 1 }, 'INVITE.USED_UP'],
  ])('refuses to redeem %j with its code', (over, code) => {
    expect(() => assertRedeemable({ ...base, ...over }, NOW)).toThrow(expect.objectContaining({ code }));
  });

  it('lets an active invite be redeemed', () => {
    expect(() => assertRedeemable(base, NOW)).not.toThrow();
  });
});
