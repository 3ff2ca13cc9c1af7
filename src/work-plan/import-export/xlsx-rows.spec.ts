import { deflatedPart, inlineCell, workbookAround, worksheetXml } from '../../../test/support/zip-writer';
import { xlsxRows } from './xlsx-rows';

const workbookOf = (sheet: string) => workbookAround(deflatedPart('xl/worksheets/sheet1.xml', sheet));

const rowsOf = async (workbook: Buffer) => {
  const rows: { line: number; values: string[] }[] = [];
  for await (const row of xlsxRows(workbook)) rows.push(row);
  return rows;
};

describe('the worksheet rows of an uploaded workbook', () => {
  it('decodes entity and character references in cell text', async () => {
    const sheet = [
      ...worksheetXml([`<row r="1">${inlineCell('A1', 'R&amp;D &lt;2019&gt; &quot;x&quot; &#x41;&#1052;')}</row>`]),
    ].join('');
    expect(await rowsOf(workbookOf(sheet))).toEqual([{ line: 1, values: ['R&D <2019> "x" AМ'] }]);
  });

  it('refuses a worksheet whose XML is cut short', async () => {
    const sheet = [...worksheetXml([`<row r="1">${inlineCell('A1', 'a')}</row>`])]
      .join('')
      .replace('</sheetData></worksheet>', '');
    await expect(rowsOf(workbookOf(sheet))).rejects.toThrow(/unclosed tag/);
  });
});
