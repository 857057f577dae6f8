/** Tab-separated tables with a header line; `#` lines are comments. */
export interface TsvRow {
  line: number;
  cells: Record<string, string>;
}

export interface TsvTable {
  columns: string[];
  rows: TsvRow[];
}

export function parseTsv(text: string): TsvTable {
  const lines = text.split(/\r?\n/);
  let columns: string[] | undefined;
  const rows: TsvRow[] = [];
  lines.forEach((raw, i) => {
    if (raw === '' || raw.startsWith('#')) return;
    const cells = raw.split('\t');
    if (!columns) {
      columns = cells.map((c) => c.trim());
      return;
    }
    const rec: Record<string, string> = {};
    columns.forEach((c, j) => (rec[c] = (cells[j] ?? '').trim()));
    rows.push({ line: i + 1, cells: rec });
  });
  return { columns: columns ?? [], rows };
}
