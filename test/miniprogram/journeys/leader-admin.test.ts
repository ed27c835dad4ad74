/**
 * The leader and the admin through the real pages on the real backend: students rate two canteen windows;
 * the leader opens the ranking and reads units and places by satisfaction. The admin adds a window under a
 * canteen, gets its code and prints the poster sheet.
 */
import { type Campus, httpJson, journey, largestSetData, startCampus, WHO } from './harness';

describe('journey: the leader reads the ranking; the admin adds a zone and prints its poster', () => {
  let campus: Campus;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    process.stdout.write(`FIGURE largest setData: ${largestSetData()} bytes\n`);
    await campus?.stop();
  });

  it('shows the leader the units and places by satisfaction, from real ratings', async () => {
    // Prepare: students rate two windows of two canteens (two taps each).
    const j = journey(campus, WHO.student);
    for (const [who, scene, star] of [
      [WHO.student, 'c1-ct1-w01', 4],
      ['demo-student-2', 'c2-ct2-w01', 1],
      ['demo-faculty-1', 'c2-ct2-w01', 2],
    ] as const) {
      j.as(who);
      const p = await j.open(`pages/report/index?scene=${scene}`);
      await j.tapIn(p, '.report__rating', '.star-rating__star', star);
      await j.tap(p, '.report__submit');
      expect(p.instance.data.done).toBe(true);
    }

    // Act
    j.as(WHO.leader);
    const ranking = await j.open('packages/leader/ranking/index');
    const tabs = ranking.instance.data.tabs.map((t: { key: string }) => t.key);
    await j.tap(ranking, '.ranking__tab', tabs.indexOf('satisfaction'));
    const units = ranking.instance.data.items.map((r: { name: string }) => r.name);
    await j.tap(ranking, '.ranking__tab', tabs.indexOf('zone'));
    const places = ranking.instance.data.items.map((r: { name: string }) => r.name);

    // Assess
    expect(ranking.instance.data.status).toBe('ready');
    expect(units).toEqual(expect.arrayContaining(['饮食服务中心', '鑫源餐饮管理有限公司']));
    expect(places.slice(0, 2)).toEqual(expect.arrayContaining(['第一食堂1号窗口（包子面点）']));
  });

  it('lets the admin add a window under a canteen and print its poster', async () => {
    const j = journey(campus, WHO.admin);
    const zone = await j.open('packages/admin/zone/index?parentId=zone-c2-canteen-2');
    expect(zone.instance.data.place).toBe('东校区 · 第二食堂');
    zone.instance.onName({ detail: { value: '第二食堂7号窗口（水果）' } });
    zone.instance.onPrimary({ detail: { value: 0 } });
    await j.tap(zone, '.zone__save');
    expect(zone.instance.data.formError).toBe('');
    expect(zone.instance.data.isNew).toBe(false);
    expect(zone.instance.data.sceneId).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(zone.instance.data.code.status).toBe('ready');

    await j.tap(zone, '.zone__poster-make');
    expect(zone.instance.data.poster).toMatchObject({ status: 'ready', count: 1 });
    // The printable sheet is a real file on the local cloud's storage, naming the new window.
    const sheet = await httpJson(zone.instance.data.poster.url, 'GET');
    expect(sheet.statusCode).toBe(200);
    expect(String(sheet.data)).toContain('第二食堂7号窗口（水果）');

    // The new window's code opens the report page for it.
    j.as(WHO.student);
    const report = await j.open(`pages/report/index?scene=${zone.instance.data.sceneId}`);
    expect(report.instance.data.zoneName).toBe('第二食堂7号窗口（水果）');
  });
});
