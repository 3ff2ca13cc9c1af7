import { ganttSvg } from './gantt';

describe('ganttSvg', () => {
  const rows = [
    { label: 'Training <b>course</b>', windows: [{ start: '2019-02-01', end: '2019-02-28' }], overdue: true },
    {
      label: '9th meeting',
      windows: [
        { start: '2019-11-21', end: '2019-11-30' },
        { start: '2019-12-01', end: '2019-12-10' },
        { start: '2020-02-01', end: '2020-02-29' },
      ],
      overdue: false,
    },
    { label: 'On request', windows: [], overdue: false },
  ];

  it('draws a bar per window, alternatives side by side in one row, overdue in the warning colour, and today', () => {
    const svg = ganttSvg(rows, '2019-06-01', { title: 'Work plan timeline', today: 'today' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect /g)).toHaveLength(4);
    expect(svg.match(/<rect [^>]*fill="#b3261e"/g)).toHaveLength(1);
    expect(svg.match(/<rect [^>]*fill="#0b5cad"/g)).toHaveLength(3);
    expect(svg).toContain('stroke-dasharray');
    expect(svg).toContain('<title id="gantt-title">Work plan timeline</title>');
    expect(svg).not.toContain('On request');
  });

  it('escapes every text it draws', () => {
    const svg = ganttSvg(rows, '2019-06-01', { title: '<x>', today: '"now"' });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('Training &lt;b&gt;course&lt;/b&gt;');
    expect(svg).toContain('&quot;now&quot;');
  });

  it('keeps the word "today" inside the picture when today is after every window', () => {
    const todayText = (svg: string) => /<text ([^>]*)>today<\/text>/.exec(svg)![1];
    expect(todayText(ganttSvg(rows, '2026-11-21', { title: 't', today: 'today' }))).toContain('text-anchor="end"');
    expect(todayText(ganttSvg(rows, '2019-06-01', { title: 't', today: 'today' }))).not.toContain('text-anchor');
  });

  it('draws nothing when no item has a date', () => {
    expect(ganttSvg([{ label: 'x', windows: [], overdue: false }], '2019-06-01', { title: 't', today: 'today' })).toBe(
      '',
    );
  });

  it('labels its months in the reader language, and years alone over a long plan', () => {
    const rows = [{ label: 'a', windows: [{ start: '2019-02-01', end: '2019-04-30' }], overdue: false }];
    expect(ganttSvg(rows, '2019-03-01', { title: 't', today: 'today', locale: 'ru' })).toContain('>февр. 2019 г.<');
    expect(ganttSvg(rows, '2019-03-01', { title: 't', today: 'today', locale: 'en' })).toContain('>Feb 2019<');
    const long = [{ label: 'a', windows: [{ start: '2019-01-01', end: '2022-12-31' }], overdue: false }];
    expect(ganttSvg(long, '2020-03-01', { title: 't', today: 'today', locale: 'kk' })).toMatch(/>2020( ж\.)?</);
  });
});
