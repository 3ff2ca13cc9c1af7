import { htmlToText } from './html-to-text';

describe('htmlToText', () => {
  it('keeps the words, one block a line, links with their address, list items with a dash', () => {
    const html =
      '<!DOCTYPE html><html lang="ru"><head><title>x</title><style>p{}</style></head><body>' +
      '<h1>Заседание &laquo;РГОСИК&raquo;</h1><p>Здравствуйте,<br>Айгерим!</p>' +
      '<ul><li>10:00 &ndash; открытие</li><li>11:00 &amp; кофе</li></ul>' +
      '<p><a href="https://wg.example/a?x=1&amp;y=2" style="color:red">Принять</a> <a href="https://wg.example/b">https://wg.example/b</a></p>' +
      '<table><tr><td>Almaty</td><td>UTC+5</td></tr></table><!-- hidden --></body></html>';
    expect(htmlToText(html)).toBe(
      'Заседание «РГОСИК»\n\nЗдравствуйте,\nАйгерим!\n\n- 10:00 – открытие\n- 11:00 & кофе\n\nПринять (https://wg.example/a?x=1&y=2) https://wg.example/b\n\nAlmaty UTC+5',
    );
  });

  it('never lets markup through, even escaped markup stays text', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p><script>alert(2)</script>')).toBe(
      '<script>alert(1)</script>',
    );
  });
});
