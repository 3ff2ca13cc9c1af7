import { pdfFonts, pdfInfo, pdfPages, pdfText } from '../../test/support/pdf-text';
import { paperDateTime } from './paper-dates';
import { PaperLayout } from './paper-layout';

const KAZAKH_LETTERS = 'ә ғ қ ң ө ұ ү һ і Ә Ғ Қ Ң Ө Ұ Ү Һ І';

describe('PaperLayout', () => {
  it('keeps every Kazakh letter as the same text, with its fonts embedded, on A4', async () => {
    const paper = new PaperLayout({ language: 'kk', title: 'Хаттама', header: ['Жұмыс тобы'] });
    paper.heading('Әсел Құрманғалиқызы Өтемісова');
    paper.paragraph(KAZAKH_LETTERS);
    paper.paragraph('Ұлыбритания, Үкімет, Һ, Іле, Ңғ');
    const pdf = await paper.toBuffer();

    const text = await pdfText(pdf);
    expect(text).toContain(KAZAKH_LETTERS);
    expect(text).toContain('Әсел Құрманғалиқызы Өтемісова');
    expect(text).toContain('Ұлыбритания, Үкімет, Һ, Іле, Ңғ');

    const fonts = await pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((font) => font.embedded && font.subset && font.unicode)).toBe(true);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, ''))).toEqual(
      expect.arrayContaining(['DejaVuSerif', 'DejaVuSerif-Bold']),
    );

    const info = await pdfInfo(pdf);
    expect(info.pageSize).toBe('595.28 x 841.89 pts (A4)');
    expect(info.title).toBe('Хаттама');
  });

  it('repeats the header and the table header on every page, numbered in the paper language', async () => {
    const paper = new PaperLayout({ language: 'ru', title: 'Список', header: ['Рабочая группа — список'] });
    paper.heading('Список участников');
    const rows = Array.from({ length: 120 }, (_, i) => [`${i + 1}`, `Участник ${i + 1}`, '']);
    paper.table(
      [
        { header: '№', width: 1 },
        { header: 'Фамилия, имя', width: 5 },
        { header: 'Подпись', width: 3 },
      ],
      [{ group: 'Казахстан' }, ...rows],
      { minRowHeight: 24 },
    );
    const pdf = await paper.toBuffer();
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(1);
    expect((await pdfInfo(pdf)).pages).toBe(pages.length);
    pages.forEach((page, i) => {
      expect(page).toContain('Рабочая группа — список');
      expect(page).toContain('Фамилия, имя');
      expect(page).toContain(`Страница ${i + 1} из ${pages.length}`);
    });
    const all = await pdfText(pdf);
    expect(all).toContain('Участник 1 ');
    expect(all).toContain('Участник 120');
  });

  it('keeps every letter in each of several papers made one after another (fonts are not shared state)', async () => {
    const texts: string[] = [];
    for (const name of ['Opening session of the meeting', 'Әсел Құрманғалиқызы', 'Participants approved the plan']) {
      const paper = new PaperLayout({ language: 'en', title: name });
      paper.paragraph(name);
      texts.push(await pdfText(await paper.toBuffer()));
    }
    expect(texts).toEqual([
      'Opening session of the meeting Page 1 of 1',
      'Әсел Құрманғалиқызы Page 1 of 1',
      'Participants approved the plan Page 1 of 1',
    ]);
  });

  it('keeps a letter first drawn inside an accented one in the papers after it', async () => {
    // DejaVu builds "а", "ä" and "Ё" from other glyphs: the next papers must still map those glyphs to text.
    const names = ['Бакыт Исаев ä Ё', 'Dilshod Rakhimov', 'Anna Berg OTENULY'];
    const texts: string[] = [];
    for (const name of names) {
      const paper = new PaperLayout({ language: 'en', title: name, pageNumbers: false });
      paper.paragraph(name);
      paper.paragraph(name, { font: 'bold' });
      paper.paragraph(name, { font: 'italic' });
      texts.push(await pdfText(await paper.toBuffer()));
    }
    expect(texts).toEqual(names.map((name) => `${name} ${name} ${name}`));
  });

  it('says dates and times in the reader language with their zone', () => {
    expect(paperDateTime('2031-11-20T05:00:00Z', 'Asia/Almaty', 'en')).toBe(
      'Thursday, 20 November 2031 at 10:00 (Asia/Almaty (UTC+5))',
    );
    expect(paperDateTime('2031-11-20T05:00:00Z', 'Europe/Brussels', 'ru')).toMatch(
      /^четверг, 20 ноября 2031 г\.,? (в )?06:00 \(Europe\/Brussels \(UTC\+1\)\)$/,
    );
  });
});
