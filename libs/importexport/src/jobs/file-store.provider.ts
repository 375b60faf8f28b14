import { Env, ENV } from '@app/core';
import { Provider } from '@nestjs/common';
import { LocalFileStore } from '../file-store/local-file-store';

/** The injection token of the `FileStore` (a local folder by default). */
export const FILE_STORE = Symbol('FILE_STORE');

export const fileStoreProvider: Provider = {
  provide: FILE_STORE,
  inject: [ENV],
  useFactory: (env: Env) => new LocalFileStore(env.FILE_STORE_DIR, env.IMPORT_MAX_BYTES),
};
