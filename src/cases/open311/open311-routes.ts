import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RouteRegistrar } from '../../api/server';
import { parseChinesePhoneNumber } from '../../directory/phone';
import type { Prisma } from '../../generated/prisma/client';
import type { CaseService } from '../case-service';
import { isServiceCode, open311Errors, open311Request, open311Xml, serviceList } from './open311-format';
import { open311ClientByKey } from './open311-clients';

type Params = Record<string, string | undefined>;
type Format = 'json' | 'xml';

const FORM_LIMIT = 64 * 1024;

/**
 * Open311 GeoReport v2 under /open311/v2, so existing clients can file and follow cases: services,
 * POST requests, GET requests and GET requests/{id}, in JSON or XML (the path's extension). Every call
 * needs the client's api_key; a client reads only the requests it filed.
 */
export function open311Routes(service: CaseService): RouteRegistrar {
  const { db } = service;
  return async (app: FastifyInstance) => {
    await app.register(
      async (o311) => {
        o311.addContentTypeParser(
          'application/x-www-form-urlencoded',
          { parseAs: 'string', bodyLimit: FORM_LIMIT },
          (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
        );

        const send = (
          reply: FastifyReply,
          format: Format,
          code: number,
          root: string,
          item: string,
          items: object[],
        ) =>
          format === 'xml'
            ? reply
                .code(code)
                .type('text/xml; charset=utf-8')
                .send(open311Xml(root, item, items))
            : reply.code(code).send(items);
        const fail = (reply: FastifyReply, format: Format, code: number, description: string) =>
          send(reply, format, code, 'errors', 'error', open311Errors(code, description));
        const formatOf = (request: FastifyRequest): Format | null => {
          const f = (request.params as Params).format;
          return f === 'json' || f === 'xml' ? f : null;
        };
        const paramsOf = (request: FastifyRequest): Params => ({
          ...(request.query as Params),
          ...(typeof request.body === 'object' && request.body !== null ? (request.body as Params) : {}),
        });
        const client = (request: FastifyRequest) => open311ClientByKey(db, paramsOf(request).api_key);

        o311.get('/services.:format', async (request, reply) => {
          const format = formatOf(request);
          if (!format) return reply.code(404).send(open311Errors(404, 'format must be json or xml'));
          if (!(await client(request))) return fail(reply, format, 403, 'api_key missing or not valid');
          return send(reply, format, 200, 'services', 'service', serviceList());
        });

        o311.post('/requests.:format', async (request, reply) => {
          const format = formatOf(request);
          if (!format) return reply.code(404).send(open311Errors(404, 'format must be json or xml'));
          const who = await client(request);
          if (!who) return fail(reply, format, 403, 'api_key missing or not valid');
          const p = paramsOf(request);
          const code = p.service_code ?? '';
          if (!isServiceCode(code))
            return fail(reply, format, 400, `service_code ${code || '(none)'} is not a service`);
          const description = (p.description ?? '').trim();
          if (description.length > 4000)
            return fail(reply, format, 400, 'description longer than 4000 characters');
          const lat = p.lat === undefined ? undefined : Number(p.lat);
          const long = p.long === undefined ? undefined : Number(p.long);
          const located = lat !== undefined && long !== undefined;
          if (located && !(Math.abs(lat) <= 90 && Math.abs(long) <= 180))
            return fail(reply, format, 400, 'lat/long not valid');
          if (!located && !p.address_string)
            return fail(reply, format, 400, 'a location is required: lat and long, or address_string');
          const phone = p.phone ? parseChinesePhoneNumber(p.phone) : null;
          if (phone && !phone.ok) return fail(reply, format, 400, `phone: ${phone.reason}`);
          const name = [p.last_name, p.first_name].filter(Boolean).join('');
          const opened = await service.open({
            channel: 'open311',
            category: code,
            urgent: code === 'urgent',
            description: [description, name ? `（${name}）` : '', p.media_url ? ` ${p.media_url}` : ''].join(
              '',
            ),
            address: p.address_string ?? '',
            ...(located ? { location: { latitude: lat, longitude: long } } : {}),
            ...(phone?.ok ? { callerNumber: phone.e164 } : {}),
            reportedBy: `open311:${who.id}`,
          });
          return send(reply, format, 201, 'service_requests', 'request', [
            { service_request_id: opened.number, service_notice: '', account_id: '' },
          ]);
        });

        const requests = async (where: Prisma.GovernanceCaseWhereInput): Promise<object[]> => {
          const rows = await db.governanceCase.findMany({
            where,
            orderBy: { openedAt: 'desc' },
            take: 1000,
            include: { events: { orderBy: { seq: 'desc' }, take: 1, select: { note: true } } },
          });
          const departments = await db.caseDepartment.findMany({ select: { id: true, name: true } });
          return rows.map((row) =>
            open311Request({
              number: row.number,
              category: row.category,
              state: row.state,
              description: row.description,
              address: row.address,
              latitude: row.latitude,
              longitude: row.longitude,
              openedAt: row.openedAt,
              updatedAt: row.updatedAt,
              nextDeadlineAt: row.nextDeadlineAt,
              statusNotes: row.events[0]?.note ?? '',
              agency: departments.find((d) => d.id === row.departmentId)?.name ?? '镇便民服务中心',
            }),
          );
        };

        o311.get('/requests.:format', async (request, reply) => {
          const format = formatOf(request);
          if (!format) return reply.code(404).send(open311Errors(404, 'format must be json or xml'));
          const who = await client(request);
          if (!who) return fail(reply, format, 403, 'api_key missing or not valid');
          const p = paramsOf(request);
          const start = p.start_date ? new Date(p.start_date) : new Date(service.now() - 90 * 86_400_000);
          const end = p.end_date ? new Date(p.end_date) : undefined;
          if (Number.isNaN(start.getTime()) || (end && Number.isNaN(end.getTime()))) {
            return fail(reply, format, 400, 'start_date and end_date are w3c date-times');
          }
          const states =
            p.status === 'open'
              ? { notIn: ['resolved', 'closed'] }
              : p.status === 'closed'
                ? { in: ['resolved', 'closed'] }
                : undefined;
          const items = await requests({
            reportedBy: `open311:${who.id}`,
            ...(p.service_request_id
              ? { number: { in: p.service_request_id.split(',') } }
              : { openedAt: { gte: start, ...(end ? { lte: end } : {}) } }),
            ...(p.service_code ? { category: { in: p.service_code.split(',') } } : {}),
            ...(states ? { state: states } : {}),
          });
          return send(reply, format, 200, 'service_requests', 'request', items);
        });

        o311.get('/requests/:id.:format', async (request, reply) => {
          const format = formatOf(request);
          if (!format) return reply.code(404).send(open311Errors(404, 'format must be json or xml'));
          const who = await client(request);
          if (!who) return fail(reply, format, 403, 'api_key missing or not valid');
          const items = await requests({
            reportedBy: `open311:${who.id}`,
            number: (request.params as Params).id ?? '',
          });
          if (items.length === 0) return fail(reply, format, 404, 'no such service request');
          return send(reply, format, 200, 'service_requests', 'request', items);
        });
      },
      { prefix: '/open311/v2' },
    );
  };
}
