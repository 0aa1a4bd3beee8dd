import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { RouteRegistrar } from '../../api/server';
import type { CampaignServices } from '../campaign-services';
import { controlRoutes } from './control-routes';
import { createRoutes } from './create-routes';
import { progressRoutes } from './progress-routes';
import { resultRoutes } from './result-routes';

/** Lists and recordings are small; 10 MB leaves room for a county's list or a long WAV. */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Every /api/v1/campaigns route. */
export function campaignRoutes(makeServices: () => CampaignServices): RouteRegistrar {
  return async (app: FastifyInstance) => {
    const services = makeServices();
    app.addHook('onClose', async () => services.close());
    await app.register(multipart, {
      attachFieldsToBody: true,
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 },
    });
    for (const type of ['text/csv', 'audio/wav', 'audio/x-wav']) {
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
        (_request, body, done) => done(null, body),
      );
    }
    await createRoutes(services)(app);
    await controlRoutes(services)(app);
    await progressRoutes(services)(app);
    await resultRoutes(services)(app);
  };
}
