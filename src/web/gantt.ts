export interface GanttRow {
  label: string;
  windows: { start: string; end: string }[];
  overdue: boolean;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The work plan as a timeline picture: one row per item, each window a bar. */
export function ganttSvg(
  rows: GanttRow[],
  today: string,
  labels: { title: string; today: string; locale?: string },
): string {
  const dated = rows.filter((r) => r.windows.length > 0);
  if (dated.length === 0) return '';
  const starts = dated.flatMap((r) => r.windows.map((w) => day(w.start)));
  const ends = dated.flatMap((r) => r.windows.map((w) => day(w.end) + 1));
  const from = Math.min(...starts, day(today)) - 7;
  const to = Math.max(...ends, day(today)) + 7;
  const labelWidth = 280;
  const width = 920;
  const rowHeight = 24;
  const top = 28;
  const scale = (d: number) => labelWidth + ((d - from) / (to - from)) * (width - labelWidth - 10);
  const height = top + dated.length * rowHeight + 10;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="gantt-title">`,
  );
  parts.push(`<title id="gantt-title">${escape(labels.title)}</title>`);
  // Ticks every month, quarter or year, whichever keeps the labels apart.
  const months = (to - from) / 30.4;
  const step = months > 30 ? 12 : months > 12 ? 3 : 1;
  const tick = new Intl.DateTimeFormat(labels.locale ?? 'en', {
    timeZone: 'UTC',
    ...(step === 12 ? { year: 'numeric' } : { month: 'short', year: 'numeric' }),
  });
  const first = new Date((from + 1) * 86_400_000);
  const firstMonth = Math.ceil(first.getUTCMonth() / step) * step;
  for (
    let m = new Date(Date.UTC(first.getUTCFullYear(), firstMonth, 1));
    m.getTime() / 86_400_000 < to;
    m = new Date(Date.UTC(m.getUTCFullYear(), m.getUTCMonth() + step, 1))
  ) {
    const x = scale(m.getTime() / 86_400_000);
    if (x < labelWidth) continue;
    parts.push(`<line x1="${x.toFixed(1)}" y1="${top - 6}" x2="${x.toFixed(1)}" y2="${height}" stroke="#d0d7de"/>`);
    parts.push(
      `<text x="${(x + 2).toFixed(1)}" y="${top - 10}" font-size="11" fill="#4a5560">${escape(tick.format(m))}</text>`,
    );
  }
  dated.forEach((row, i) => {
    const y = top + i * rowHeight;
    const label = row.label.length > 42 ? `${row.label.slice(0, 41)}…` : row.label;
    parts.push(`<text x="4" y="${y + 16}" font-size="12" fill="#1b1f24">${escape(label)}</text>`);
    for (const window of row.windows) {
      const x = scale(day(window.start));
      const w = Math.max(3, scale(day(window.end) + 1) - x);
      const colour = row.overdue ? '#b3261e' : '#0b5cad';
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y + 5}" width="${w.toFixed(1)}" height="${rowHeight - 10}" rx="2" fill="${colour}"><title>${escape(`${row.label}: ${window.start} – ${window.end}`)}</title></rect>`,
      );
    }
  });
  const now = scale(day(today));
  parts.push(
    `<line x1="${now.toFixed(1)}" y1="${top - 6}" x2="${now.toFixed(1)}" y2="${height}" stroke="#b3261e" stroke-width="2" stroke-dasharray="4 3"/>`,
  );
  // Near the right edge the word goes left of the line, or the picture would cut it off.
  const todayLabel = now > width - 60 ? `x="${(now - 3).toFixed(1)}" text-anchor="end"` : `x="${(now + 3).toFixed(1)}"`;
  parts.push(`<text ${todayLabel} y="${height - 2}" font-size="11" fill="#b3261e">${escape(labels.today)}</text>`);
  parts.push('</svg>');
  return parts.join('');
}
