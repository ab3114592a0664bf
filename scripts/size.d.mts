export interface EntrySize {
  name: string;
  measure: 'gzip' | 'min';
  budget: number;
  min: number;
  gzip: number;
  size: number;
}
export declare function gzipSize(code: Uint8Array): { min: number; gzip: number };
export declare function measureAll(): Promise<EntrySize[]>;
