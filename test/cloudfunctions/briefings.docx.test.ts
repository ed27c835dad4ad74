import JSZip from 'jszip';
import QRCode from 'qrcode';
import { imageInfo } from '../../cloudfunctions/_lib/image';
import { clearCaches } from '../../cloudfunctions/_lib/refdata';
import { wxCloud } from '../helpers/local-cloud';
import { type Cloud, type Loose, PEOPLE, REPORTER, report, shiftClock, startWithFixtures } from './fixtures';

const setClock = (at: number) => shiftClock(at - (performance.timeOrigin + performance.now()));
type R = { code: 0 | string; data: Loose; message?: string };
const briefing = (cloud: Cloud, openid: string, action: string, payload: unknown) =>
  cloud.host.invoke('briefings', { action, payload }, { source: 'wx_client', openid }) as Promise<R>;

/** The text of a Word document's body and the media files it embeds. */
async function readDocx(fileID: string): Promise<{ text: string; xml: string; media: string[] }> {
  const { fileContent } = (await wxCloud().downloadFile({ fileID })) as { fileContent: Buffer };
  const zip = await JSZip.loadAsync(fileContent);
  const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  return { text, xml, media: Object.keys(zip.files).filter((f) => f.startsWith('word/media/')) };
}

describe('briefings as Word documents', () => {
  let cloud: Cloud;
  let no: number;
  beforeAll(async () => {
    cloud = await startWithFixtures();
    clearCaches();
    setClock(Date.UTC(2030, 6, 8, 2)); // July 2030 in Shanghai
    const png = await QRCode.toBuffer('before', { width: 240 });
    const { fileID } = await wxCloud().uploadFile({ cloudPath: `uploads/report/${REPORTER}/20300708/docx-before.png`, fileContent: png });
    const notAnImage = await wxCloud().uploadFile({
      cloudPath: 'uploads/report/o-docx-2/20300708/docx-broken.jpg',
      fileContent: Buffer.from('not a jpeg'),
    });
    const first = await report(cloud, { categoryCode: 'safety', text: '消防通道堵塞', photos: [fileID] });
    expect(first.code).toBe(0);
    const second = await report(cloud, { categoryCode: 'hygiene', text: '垃圾未清', photos: [notAnImage.fileID] }, 'o-docx-2');
    expect(second.code).toBe(0);
    const made = await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' });
    expect(made.code).toBe(0);
    no = made.data.no;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await cloud.close();
  });
  beforeEach(() => clearCaches());

  it('prints the default distribution lines until the office sets its own', async () => {
    // Act
    const reply = await briefing(cloud, PEOPLE.admin.openid, 'exportFile', { no, format: 'docx' });

    // Assess
    expect(reply.code).toBe(0);
    expect(reply.data.fileName).toBe(`巡查简报第${no}期（2030-07，草稿）.docx`);
    const { text } = await readDocx(reply.data.fileID);
    expect(text).toContain('巡查简报');
    expect(text).toContain(`第${no}期（草稿，未发布）`);
    expect(text).toContain('总务部编');
    expect(text).toContain('报：分管校领导');
    expect(text).toContain('送：各服务中心、各服务单位');
    expect(text).not.toContain('共印');
    expect(text).not.toContain('编者按');
  });

  it('lays out the masthead, editor’s note, items with photos, patrol coverage, work requirements and distribution the office set', async () => {
    // Arrange
    const set = await briefing(cloud, PEOPLE.admin.openid, 'setMasthead', {
      no,
      masthead: {
        issuer: '某某大学后勤管理处总务部',
        totalNo: 148,
        editorNote: '本月食堂高峰时段问题集中，请各单位重视。',
        requirements: ['各责任单位于本周内完成整改。', '各服务中心加强高峰时段巡查。'],
        reportTo: '校党委书记、校长，分管副校长',
        sendTo: '各服务中心',
        copies: 30,
      },
    });
    expect(set.code).toBe(0);
    expect(set.data.masthead).toMatchObject({ totalNo: 148, copies: 30 });
    expect(await briefing(cloud, PEOPLE.admin.openid, 'publish', { no })).toMatchObject({ code: 0 });

    // Act
    const reply = await briefing(cloud, PEOPLE.leader.openid, 'exportFile', { no, format: 'docx' });

    // Assess
    expect(reply.code).toBe(0);
    const { text, xml, media } = await readDocx(reply.data.fileID);
    expect(text).toContain(`第${no}期（总第148期）`);
    expect(text).toContain('某某大学后勤管理处总务部编');
    expect(text).toContain('2030年7月8日');
    expect(text).toContain('编者按：本月食堂高峰时段问题集中，请各单位重视。');
    expect(text).toContain('消防通道堵塞');
    expect(text).toContain('垃圾未清');
    // 巡查覆盖 as the printable page words it, then the requirements.
    expect(text).toContain('六、巡查覆盖本期各场所服务时段共 7 个（场所 × 星期 × 服务时段），两级巡查覆盖 0%');
    expect(text).toContain('近 14 天无人巡查的场所 1 个（区域b1f2）。七、工作要求');
    expect(text).toContain('1. 各责任单位于本周内完成整改。');
    expect(text).toContain('2. 各服务中心加强高峰时段巡查。');
    expect(text).toContain('报：校党委书记、校长，分管副校长');
    expect(text).toContain('送：各服务中心');
    expect(text).toContain('2030年7月8日印发');
    expect(text).toContain('（共印30份）');
    // The PNG photo is embedded once at its aspect ratio; the file that is not an image is left out.
    expect(media).toHaveLength(1);
    expect(xml).toContain('整改前');
    // Red masthead.
    expect(xml).toMatch(/<w:color w:val="C00000"\/>/);
  });

  it('keeps a published briefing’s masthead as it was', async () => {
    const reply = await briefing(cloud, PEOPLE.admin.openid, 'setMasthead', { no, masthead: { copies: 40 } });

    expect(reply.code).toBe('BRIEFING.PUBLISHED');
    expect((await briefing(cloud, PEOPLE.leader.openid, 'get', { no })).data.masthead.copies).toBe(30);
  });

  it.each([
    ['an empty issuer', { issuer: ' ' }],
    ['a running number of zero', { totalNo: 0 }],
    ['a print run that is not a whole number', { copies: 2.5 }],
    ['eleven requirements', { requirements: Array.from({ length: 11 }, () => '要求') }],
    ['an unknown field', { signature: '某某' }],
  ])('refuses %s with a coded error and changes nothing', async (_label, masthead) => {
    // Arrange
    const draft = await briefing(cloud, PEOPLE.admin.openid, 'generate', { period: '2030-07' });

    // Act
    const reply = await briefing(cloud, PEOPLE.admin.openid, 'setMasthead', { no: draft.data.no, masthead });

    // Assess
    expect(reply.code).toBe('REQUEST.INVALID');
    const stored = await briefing(cloud, PEOPLE.admin.openid, 'get', { no: draft.data.no });
    expect(stored.data.masthead).toEqual(expect.objectContaining({ totalNo: null, copies: null, reportTo: '分管校领导' }));
  });

  it('lets only admins set the masthead', async () => {
    for (const openid of [PEOPLE.leader.openid, PEOPLE.manager.openid, REPORTER]) {
      const reply = await briefing(cloud, openid, 'setMasthead', { no, masthead: { copies: 5 } });
      expect(reply.code).toBe('AUTH.FORBIDDEN');
    }
    // A reader still gets the Word document of a published briefing.
    expect((await briefing(cloud, PEOPLE.manager.openid, 'exportFile', { no, format: 'docx' })).code).toBe(0);
  });
});

describe('image sizes read from the file header', () => {
  it('reads a PNG’s width and height', async () => {
    const png = await QRCode.toBuffer('x', { width: 120 });
    expect(imageInfo(png)).toEqual({ type: 'png', width: 120, height: 120 });
  });

  it('reads a JPEG’s frame size after its APP0 segment', () => {
    // SOI, APP0 (length 16), SOF0 (length 17): precision 8, height 480, width 640.
    const app0 = [0xff, 0xe0, 0x00, 0x10, ...Array.from({ length: 14 }, () => 0)];
    const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0xe0, 0x02, 0x80, ...Array.from({ length: 12 }, () => 0)];
    expect(imageInfo(Buffer.from([0xff, 0xd8, ...app0, ...sof0]))).toEqual({ type: 'jpg', width: 640, height: 480 });
  });

  it('refuses anything else', () => {
    expect(imageInfo(Buffer.from('GIF89a-not-supported-here'))).toBeNull();
    expect(imageInfo(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
