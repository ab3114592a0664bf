export declare function startObjectStorage(): Promise<{
  presignEndpoint: string;
  objects: Map<string, Buffer>;
  close(): Promise<void>;
}>;
