import { createTransport, type Transport, type TransportOptions } from '@lowlight/transport';

export interface PresignedUploadOptions extends TransportOptions {
  /** Your endpoint that answers `GET ?key=<object key>` with `{ "url": "<presigned PUT URL>" }`. */
  presignEndpoint: string;
}

/**
 * A custom backend adapter: each batch becomes one object, uploaded with a
 * presigned PUT (S3, GCS, R2 and others offer them), so no collector has to
 * run. Batching, compression, retries and the offline queue come from
 * createTransport; this only sends.
 */
export function presignedUploadTransport({ presignEndpoint, ...options }: PresignedUploadOptions): Transport {
  return createTransport({ name: 'example/presigned-upload', ...options, destination: presignEndpoint }, async ({ envelope, body, encoding, cipher }) => {
    // One object per batch; the key is unique per batch, so a retried upload overwrites, never duplicates.
    const key = `sessions/${envelope.sid}/${envelope.pid}/${envelope.seq}.json${encoding === 'gzip' ? '.gz' : ''}${cipher ? '.enc' : ''}`;
    const presign = await fetch(`${presignEndpoint}?key=${encodeURIComponent(key)}`, { credentials: 'omit', referrerPolicy: 'no-referrer' });
    if (!presign.ok) return { status: presign.status };
    const { url } = (await presign.json()) as { url: string };
    const upload = await fetch(url, { method: 'PUT', body: body as BodyInit, credentials: 'omit', referrerPolicy: 'no-referrer' });
    return { status: upload.status };
  });
}
