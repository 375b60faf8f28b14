export * from './import-file.errors';
export * from './file-store/file-store';
export * from './file-store/local-file-store';
export * from './decode/decoded-item';
export * from './decode/sniff';
export * from './decode/csv-decoder';
export * from './decode/delimiter';
