/**
 * A SELECT that a caller streams through a server-side cursor instead of loading at once (exports): the SQL,
 * its parameters, and how a raw row becomes a typed one. The repository that owns the tables builds it, so the
 * SQL and the scope in it stay in one place; `ExportCursorRepository` runs it.
 */
export interface RowStatement<R> {
  text: string;
  values: unknown[];
  map(row: Record<string, unknown>): R;
}
