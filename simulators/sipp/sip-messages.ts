/**
 * SIP message text shared by the simulated phones (SIPp keywords in brackets). The phones offer and
 * answer only what linli's trunks allow: PCMA with RFC 4733 events on payload type 101, as Asterisk
 * offers them.
 */

/** UPDATE is listed so that Asterisk sends connected-line updates (on bridging) as UPDATE, without SDP. */
export const ALLOW_HEADER = 'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO';

export const CONTACT_HEADER = 'Contact: <sip:[local_ip]:[local_port];transport=[transport]>';

export const SDP_BODY: readonly string[] = [
  'v=0',
  'o=linli-sim [pid][call_number] 1 IN IP[local_ip_type] [local_ip]',
  's=linli-sim',
  'c=IN IP[media_ip_type] [media_ip]',
  't=0 0',
  'm=audio [media_port] RTP/AVP 8 101',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=fmtp:101 0-16',
  'a=ptime:20',
  'a=sendrecv',
];

/** The tag the simulated phone puts on its side of a dialog it answers. */
export const UAS_TAG = '[pid]SIPpTag01[call_number]';

const REASONS: Readonly<Record<number, string>> = {
  100: 'Trying',
  180: 'Ringing',
  200: 'OK',
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  480: 'Temporarily Unavailable',
  484: 'Address Incomplete',
  486: 'Busy Here',
  487: 'Request Terminated',
  488: 'Not Acceptable Here',
  500: 'Server Internal Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Server Time-out',
  600: 'Busy Everywhere',
  603: 'Decline',
  604: 'Does Not Exist Anywhere',
};

function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Call Failed';
}

/**
 * A response to the last request received (the INVITE, or a CANCEL for it). `cseq` overrides the
 * CSeq line, for the 487 that answers the INVITE after a CANCEL.
 */
export function uasResponse(status: number, options: { sdp?: boolean; cseq?: string } = {}): string[] {
  return [
    `SIP/2.0 ${status} ${reasonPhrase(status)}`,
    '[last_Via:]',
    '[last_From:]',
    status === 100 ? '[last_To:]' : `[last_To:];tag=${UAS_TAG}`,
    '[last_Call-ID:]',
    options.cseq ?? '[last_CSeq:]',
    CONTACT_HEADER,
    ALLOW_HEADER,
    ...(options.sdp
      ? ['Content-Type: application/sdp', 'Content-Length: [len]', '', ...SDP_BODY]
      : ['Content-Length: 0']),
  ];
}

/** The 200 OK to a BYE or CANCEL: echoes its headers. */
export const OK_TO_REQUEST: readonly string[] = [
  'SIP/2.0 200 OK',
  '[last_Via:]',
  '[last_From:]',
  '[last_To:]',
  '[last_Call-ID:]',
  '[last_CSeq:]',
  'Content-Length: 0',
];
