export declare function extractBlocks(markdown: string): Array<{ line: number; jsx: boolean; code: string; name?: string }>;
export declare function checkDocs(files?: string[]): string[];
