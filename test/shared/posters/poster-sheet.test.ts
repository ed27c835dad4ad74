import { POSTER_INSTRUCTION, posterSheetHtml } from '../../../shared/posters/poster-sheet';

describe('poster sheets', () => {
  it('prints one poster per zone, in order, with its code and the instruction', () => {
    const html = posterSheetHtml('一号楼 反馈二维码', [
      { name: '一层', place: '本部校区 · 一号楼', sceneId: 'b1f1', imageSrc: 'data:image/png;base64,AAA' },
      { name: '二层', place: '本部校区 · 一号楼', sceneId: 'b1f2', imageSrc: 'data:image/png;base64,BBB' },
    ]);
    expect(html.match(/<section class="poster">/g)).toHaveLength(2);
    expect(html.indexOf('一层')).toBeLessThan(html.indexOf('二层'));
    expect(html).toContain('<img src="data:image/png;base64,BBB"');
    expect(html).toContain(POSTER_INSTRUCTION);
    expect(html).toContain('共 2 张');
  });

  it('escapes names so a zone name cannot inject markup', () => {
    const html = posterSheetHtml('<b>x</b>', [
      { name: '<script>alert(1)</script>', place: 'a & b', sceneId: 's"1', imageSrc: 'x" onerror="y' },
    ]);
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('a &amp; b');
    expect(html).toContain('src="x&quot; onerror=&quot;y"');
  });
});
