/** SQL writing a timestamptz column as JavaScript's toISOString() (and so JSON.stringify of a Date) writes it. */
export const isoInstantSql = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
