import { type Campus, journey, startCampus, WHO } from './harness';

describe('journey harness', () => {
  let campus: Campus;
  beforeAll(async () => {
    campus = await startCampus();
  }, 90_000);
  afterAll(async () => {
    await campus?.stop();
  });

  it('renders the report page on the real backend', async () => {
    const j = journey(campus, WHO.student);
    const p = j.render('pages/report/index');
    p.instance.onLoad({ scene: 'c2-ct2-w01' });
    await j.settle();
    expect(p.instance.data.zoneName).toContain('第二食堂1号窗口');
  });
});
