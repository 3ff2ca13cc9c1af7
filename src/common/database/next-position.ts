import type { EntityManager } from 'typeorm';

type OrderedTable = 'agenda_item' | 'meeting_date_option';
type ParentColumn = 'meeting_id';

/** SQL giving the position after the last child of the parent named by `parentParam` (e.g. `$1`). */
export function nextPositionSql(table: OrderedTable, parentColumn: ParentColumn, parentParam: string): string {
  return `(SELECT coalesce(max(position), 0)::int + 1 FROM ${table} WHERE ${parentColumn} = ${parentParam})`;
}

export async function nextPosition(
  manager: EntityManager,
  table: OrderedTable,
  parentColumn: ParentColumn,
  parentId: string,
): Promise<number> {
  const rows: { next: number }[] = await manager.query(`SELECT ${nextPositionSql(table, parentColumn, '$1')} AS next`, [
    parentId,
  ]);
  return rows[0].next;
}
