import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class PageSnapshotRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * PostgreSQL's current snapshot (xmin:xmax:in-progress ids). Every commit of a writing transaction
   * changes it, so two equal readings mean nothing was committed in between.
   */
  async current(): Promise<string> {
    const rows: { snapshot: string }[] = await this.dataSource.query('SELECT pg_current_snapshot()::text AS snapshot');
    return rows[0].snapshot;
  }
}
