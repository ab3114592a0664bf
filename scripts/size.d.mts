export declare const SCRIPT_TAG_BUDGET: number;
export declare function gzipSize(path: string): { min: number; gzip: number };
export declare function scriptTagSize(): { min: number; gzip: number };
