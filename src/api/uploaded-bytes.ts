import type { MultipartFile } from '@fastify/multipart';
import { HttpError } from './errors';

function isMultipartFile(value: unknown): value is MultipartFile {
  return (
    typeof value === 'object' &&
    value !== null &&
    'toBuffer' in value &&
    (value as MultipartFile).type === 'file'
  );
}

/** The uploaded file: the raw body, or the multipart field "file". */
export async function uploadedBytes(body: unknown, expected: string): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const file = typeof body === 'object' && body !== null ? (body as { file?: unknown }).file : undefined;
  if (isMultipartFile(file)) return file.toBuffer();
  throw new HttpError(
    415,
    'unsupported_media_type',
    `send ${expected} as multipart/form-data (field "file") or as the body`,
  );
}

/** OpenAPI body description of an upload route. */
export function uploadBodySchema(mediaTypes: readonly string[], description: string) {
  return {
    content: {
      'multipart/form-data': {
        schema: { type: 'object', required: ['file'], properties: { file: { isFile: true } } },
      },
      ...Object.fromEntries(mediaTypes.map((type) => [type, { schema: { description } }])),
    },
  };
}
