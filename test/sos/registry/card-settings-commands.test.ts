import { encodeCommand } from '../../../src/sos/card-protocol';
import type { SosContact } from '../../../src/sos/domain';
import {
  cardCommandsForContacts,
  cardCommandsForRequest,
  numberDialledByCard,
} from '../../../src/sos/registry/card-settings-commands';

const contact = (id: string, role: SosContact['role'], ...phones: string[]): SosContact => ({
  id,
  name: id,
  role,
  phones,
});

describe('what a card is told about its contacts', () => {
  it('dials mainland numbers nationally: mobiles as 11 digits, landlines with their 0 area code', () => {
    expect(numberDialledByCard('+8613912345678')).toBe('13912345678');
    expect(numberDialledByCard('+8657188888888')).toBe('057188888888');
    expect(numberDialledByCard('+85291234567')).toBe('+85291234567');
  });

  it('puts the platform first on the SOS key, then the first two contacts in calling order', () => {
    const [sos, phonebook] = cardCommandsForContacts(
      [
        contact('网格员', 'grid_worker', '+8613900000003'),
        contact('儿子', 'family', '+8613900000001', '+8657188888888'),
        contact('没有电话', 'family'),
        contact('女儿', 'family', '+8613900000002'),
      ],
      '96500',
    );
    expect(sos).toEqual({ type: 'set-sos-numbers', numbers: ['96500', '13900000001', '13900000002'] });
    expect(phonebook).toEqual({
      type: 'set-phonebook',
      entries: [
        { name: '邻里求助', number: '96500' },
        { name: '儿子', number: '13900000001' },
        { name: '女儿', number: '13900000002' },
        { name: '网格员', number: '13900000003' },
      ],
    });
  });

  it('makes names the card protocol accepts, so the commands always encode', () => {
    const commands = cardCommandsForContacts(
      [contact('张,三[家]*的非常非常非常非常非常非常长的名字', 'family', '+8613900000001')],
      '96500',
    );
    const phonebook = commands[1];
    expect(phonebook?.type === 'set-phonebook' && phonebook.entries[1]?.name).toBe(
      '张 三 家  的非常非常非常非常非常非常',
    );
    for (const command of commands) expect(() => encodeCommand(command)).not.toThrow();
  });

  it('turns API requests into commands, and asks for the seconds of a report interval', () => {
    expect(cardCommandsForRequest({ type: 'locate-now' }, [], '96500')).toEqual([{ type: 'locate-now' }]);
    expect(cardCommandsForRequest({ type: 'set-report-interval', seconds: 300 }, [], '96500')).toEqual([
      { type: 'set-upload-interval', seconds: 300 },
    ]);
    expect(cardCommandsForRequest({ type: 'set-report-interval' }, [], '96500')).toEqual({
      field: 'seconds',
      reason: 'required for set-report-interval',
    });
  });
});
