export type * from './stores/types';
export { openSqliteStore } from './stores/sqlite';
