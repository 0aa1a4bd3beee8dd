import { InvalidCallRequest } from '../../errors/invalid-call-request';
import { SPEAKER_ID, type PageRequest } from '../../verbs/page';

/**
 * page is not Twilio's: linli's loudspeakers are SIP endpoints that register with the village's
 * Asterisk, on the local network; Twilio's cloud cannot reach them, and paging a loudspeaker through
 * the public phone network would make every speaker a phone line. Pages go through an Asterisk server;
 * on Twilio the request is refused before anything is sent.
 */
export function refusePage(request: PageRequest): never {
  const bad = request.speakers.find((id) => !SPEAKER_ID.test(id));
  if (bad !== undefined) throw new InvalidCallRequest(`page: "${bad}" is not a speaker id`);
  throw new InvalidCallRequest(
    "page: Twilio cannot reach linli's loudspeakers (SIP endpoints on the local network); page through an Asterisk server",
  );
}
