import { type BriefingCoverage, buildBriefing, renderBriefingHtml } from '../../../shared/briefings';

const header = { no: 7, title: '2030年7月后勤服务巡查情况', status: 'published' as const, publishedAt: new Date(Date.UTC(2030, 7, 2)) };
const NAMES = { unit: {}, zone: {}, category: {}, photoUrl: {} };
const coverage: BriefingCoverage = {
  cells: 120,
  together: 0.75,
  office: 0.5,
  centre: 0.6,
  overlap: 0.35,
  compliance: { scheduled: 40, onTime: 30, missed: 6, excused: 4, rate: 30 / 36 },
  blindCells: 30,
  staleZones: ['二食堂', '三号楼'],
  staleZoneCount: 12,
};

describe('the briefing’s coverage section', () => {
  it('states coverage per level, blind spots, compliance and stale zones in one paragraph', () => {
    const content = { ...buildBriefing('2030-07', [], new Date(Date.UTC(2030, 7, 1))), coverage };
    const html = renderBriefingHtml(header as never, content, NAMES);
    expect(html).toContain('<h2>六、巡查覆盖</h2>');
    expect(html).toContain('共 120 个（场所 × 星期 × 服务时段），两级巡查覆盖 75');
    expect(html).toContain('从未覆盖的服务时段 30 个');
    expect(html).toContain('漏巡 6 次，经批准豁免 4 次');
    expect(html).toContain('近 14 天无人巡查的场所 12 个（二食堂、三号楼 等）');
  });

  it('leaves the section out of briefings made before patrols', () => {
    const html = renderBriefingHtml(header as never, buildBriefing('2030-07', [], new Date(Date.UTC(2030, 7, 1))), NAMES);
    expect(html).not.toContain('巡查覆盖');
  });
});
