export type * from './stores/types';
export { openStores, type OpenedStores, type StoreOptions } from './stores/openStores';
// The replay viewer (issue 10): what `npm run demo` and embedders need to start a server with logins.
export { buildServer, type ServerOptions } from './buildServer';
export { openLoginStore } from './auth/openLoginStore';
export { hashPassword } from './users';
