import { countedRatingKey, incrementsFor, type RatingRecord, replacementIncrements } from '../../../shared/satisfaction';

const at = new Date('2026-11-23T04:00:00.000Z'); // 12:00 in Shanghai
const rating = (over: Partial<RatingRecord> = {}): RatingRecord => ({
  _id: 'rt-1',
  source: 'feedback',
  unitId: 'u1',
  zoneId: 'z1',
  campusId: 'c1',
  categoryCode: null,
  ticketId: null,
  rating: 4,
  at,
  ...over,
});

describe('one counted rating per person, zone and Shanghai day', () => {
  it.each<[string, Partial<RatingRecord>, Partial<RatingRecord>, boolean]>([
    ['the same zone and day', {}, { rating: 1, source: 'verify' }, true],
    ['another zone', {}, { zoneId: 'z2' }, false],
    ['23:59 and 00:00 in Shanghai are two days', { at: new Date('2026-11-23T15:59:00Z') }, { at: new Date('2026-11-23T16:00:00Z') }, false],
    ['00:00 and 23:59 of one Shanghai day', { at: new Date('2026-11-22T16:00:00Z') }, { at: new Date('2026-11-23T15:59:59Z') }, true],
    ['a unit-wide survey and a zone scan', { zoneId: null }, {}, false],
    ['two unit-wide surveys of one unit', { zoneId: null }, { zoneId: null }, true],
  ])('%s share a key: %s', (_name, a, b, same) => {
    expect(countedRatingKey('o-1', rating(a)) === countedRatingKey('o-1', rating(b))).toBe(same);
  });

  it('keys by person', () => {
    expect(countedRatingKey('o-1', rating())).not.toBe(countedRatingKey('o-2', rating()));
  });

  it('counts a first rating in full', () => {
    expect(replacementIncrements(null, rating())).toEqual([{ id: incrementsFor(rating()).id, inc: incrementsFor(rating()).inc }]);
  });

  it('moves the rollup by the difference when a later rating replaces one: the count stays', () => {
    const [change] = replacementIncrements(rating({ rating: 5 }), rating({ rating: 2, source: 'report', categoryCode: 'hygiene' }));

    expect(change.inc.n).toBeUndefined();
    expect(change.inc.sum).toBe(-3);
    expect(change.inc['r.5']).toBe(-1);
    expect(change.inc['r.2']).toBe(1);
    expect(change.inc['s.feedback.n']).toBe(-1);
    expect(change.inc['s.report.n']).toBe(1);
    expect(change.inc['c.hygiene.sum']).toBe(2);
    expect(change.inc['d.d23.sum']).toBe(-3);
  });

  it('changes nothing for the same stars from the same source', () => {
    expect(replacementIncrements(rating(), rating())).toEqual([]);
  });

  it('moves the rating between units’ rollups when the zone changed unit', () => {
    const changes = replacementIncrements(rating(), rating({ unitId: 'u2' }));
    expect(changes.map((c) => [c.id, c.inc.n])).toEqual([
      ['sat-u1-2026-11', -1],
      ['sat-u2-2026-11', 1],
    ]);
  });
});
