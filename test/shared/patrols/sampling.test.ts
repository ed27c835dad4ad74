import { chooseLeastCovered, seededRandom } from '../../../shared/patrols';

const zones = Array.from({ length: 20 }, (_, i) => ({ id: `z${String(i).padStart(2, '0')}`, visits: i < 10 ? 0 : 20 }));

describe('seeded sampling', () => {
  it('is reproducible for a seed and independent of input order', () => {
    const a = chooseLeastCovered(zones, 5, 'plan-1:2032-W11');
    expect(chooseLeastCovered([...zones].reverse(), 5, 'plan-1:2032-W11')).toEqual(a);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
  });

  it('draws differently for another seed', () => {
    const draws = new Set(['a', 'b', 'c', 'd', 'e'].map((s) => chooseLeastCovered(zones, 5, s).join()));
    expect(draws.size).toBeGreaterThan(1);
  });

  it('favours the zones least covered', () => {
    // Over many seeds, the ten unvisited zones are chosen far more often than the ten visited twenty times.
    let low = 0;
    let high = 0;
    for (let i = 0; i < 400; i++) {
      for (const id of chooseLeastCovered(zones, 3, `s${i}`)) Number(id.slice(1)) < 10 ? low++ : high++;
    }
    expect(low).toBeGreaterThan(high * 5);
    expect(high).toBeGreaterThan(0); // still random: a well-covered zone can be chosen
  });

  it('returns every zone when asked for more than there are', () => {
    expect(chooseLeastCovered(zones.slice(0, 3), 10, 'x').sort()).toEqual(['z00', 'z01', 'z02']);
  });

  it('generates numbers in [0, 1)', () => {
    const next = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const v = next();
      expect(v >= 0 && v < 1).toBe(true);
    }
  });
});
