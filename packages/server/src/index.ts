export type * from './stores/types';
export { openStores, type StoreOptions } from './stores/openStores';
