import type { FieldProblem } from '../../validation/field-problem';
import type {
  Alert,
  AlertArea,
  AlertFormat,
  AlertInfo,
  AlertMsgType,
  AlertReference,
  AlertStatus,
} from './alert';
import { isDivisionCode } from './area-codes';
import { parseCircle, parsePolygon } from './area-geometry';
import {
  alertMsgType,
  alertSeverity,
  alertStatus,
  alertTime,
  alertUrgency,
  colourInText,
} from './alert-words';
import { parseGbtIdentifier } from './gbt-identifier';
import { children, childText, childTexts, parseXmlDocument, type XmlElement } from './xml-elements';

export type AlertParseResult = { ok: true; alert: Alert } | { ok: false; problems: FieldProblem[] };

const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
/** Geocode schemes that are not Chinese division codes even when their values are 6 digits (US FIPS, EU NUTS …). */
const FOREIGN_GEOCODE = /^(SAME|FIPS|UGC|EMMA|NUTS|ISO|PROFILE)/i;

/**
 * Reads an alert in OASIS CAP 1.2 or GB/T 35965.1-2018 XML. Liberal about what real Chinese feeds
 * write (no namespace, `sendTime`, `senderCode`, `eventType` codes, colours as severity, bare
 * identifiers as references, geocodes as comma-separated codes, times without `T`); every problem
 * that makes the alert unusable is reported with its path, and nothing throws.
 */
export function parseAlertXml(xml: string): AlertParseResult {
  const document = parseXmlDocument(xml);
  if (!document.ok) return { ok: false, problems: [document.problem] };
  const found = findAlertElement(document.root);
  if (!found) {
    return {
      ok: false,
      problems: [{ field: '(xml)', reason: 'no <alert> element: not a CAP or GB/T 35965.1 alert' }],
    };
  }
  return new AlertReader(found.path, found.element, xml.includes(CAP_NAMESPACE)).read();
}

/** The root `alert`, or an `alert` one level inside a wrapper some feeds add. */
function findAlertElement(root: Record<string, unknown>): { path: string; element: XmlElement } | undefined {
  const direct = children(root, ['alert'])[0];
  if (direct !== undefined) return { path: 'alert', element: direct };
  for (const [name, value] of Object.entries(root)) {
    const inner = children(value, ['alert'])[0];
    if (inner !== undefined) return { path: `${name}.alert`, element: inner };
  }
  return undefined;
}

class AlertReader {
  private readonly problems: FieldProblem[] = [];

  constructor(
    private readonly path: string,
    private readonly element: XmlElement,
    private readonly capNamespace: boolean,
  ) {}

  read(): AlertParseResult {
    const a = this.element;
    const identifier = this.required(a, ['identifier'], 'identifier');
    const senderCode = childText(a, ['senderCode']);
    const gbt = identifier === undefined ? undefined : parseGbtIdentifier(identifier);
    const format = this.format(gbt !== undefined || senderCode !== undefined);
    const sender = childText(a, ['sender']) ?? senderCode ?? this.missing('sender');
    const sentGiven = childText(a, ['sent', 'sendTime']) !== undefined;
    const sent = sentGiven
      ? this.time(a, ['sent', 'sendTime'], 'sent')
      : (gbt?.enteredAt ?? this.missing('sent'));
    const references = this.references(a);
    const status = this.status(a, format);
    const msgType = this.msgType(a, format, references.length > 0);
    if (msgType !== undefined && msgType !== 'alert' && references.length === 0) {
      this.problem(
        'references',
        `an ${msgType === 'update' ? 'Update' : 'Cancel'} must name the alert it acts on`,
      );
    }
    const issuerAreaCode =
      gbt?.areaCode ?? (senderCode && /^\d{14}$/.test(senderCode) ? senderCode.slice(0, 6) : undefined);
    const infoElements = children(a, ['info']);
    if (infoElements.length === 0 && msgType !== 'cancel') {
      this.problem('info', 'missing: an alert needs an info with what to tell people');
    }
    const infos = infoElements.map((info, i) =>
      this.info(info, `info[${i}]`, format, issuerAreaCode, msgType === 'cancel'),
    );
    if (this.problems.length > 0 || !identifier || !sender || !sent || !status || !msgType) {
      return { ok: false, problems: this.problems };
    }
    return {
      ok: true,
      alert: {
        format,
        identifier,
        sender,
        sent,
        status,
        msgType,
        references,
        ...(issuerAreaCode === undefined ? {} : { issuerAreaCode }),
        infos,
      },
    };
  }

  /** GB/T 35965.1 when the alert carries its marks, or no CAP namespace and GB/T-style codes inside. */
  private format(gbtMarks: boolean): AlertFormat {
    if (gbtMarks) return 'gbt-35965.1';
    const infos = children(this.element, ['info']);
    const gbtInfo = infos.some(
      (info) =>
        childText(info, ['eventType']) !== undefined ||
        alertSeverity(childText(info, ['severity']) ?? '')?.colour !== undefined,
    );
    return gbtInfo && !this.capNamespace ? 'gbt-35965.1' : 'cap-1.2';
  }

  private status(a: XmlElement, format: AlertFormat): AlertStatus | undefined {
    const word = childText(a, ['status']);
    // GB/T 35965.1: Actual is the default.
    if (word === undefined) return format === 'gbt-35965.1' ? 'actual' : this.missing('status');
    return (
      alertStatus(word) ??
      this.problem('status', `"${clip(word)}" is not one of Actual, Exercise, System, Test`)
    );
  }

  private msgType(a: XmlElement, format: AlertFormat, hasReferences: boolean): AlertMsgType | undefined {
    const word = childText(a, ['msgType', 'messageType']);
    if (word === undefined)
      return format === 'gbt-35965.1' && !hasReferences ? 'alert' : this.missing('msgType');
    return (
      alertMsgType(word) ?? this.problem('msgType', `"${clip(word)}" is not one of Alert, Update, Cancel`)
    );
  }

  /** CAP: space-separated `sender,identifier,sent` triples; Chinese feeds: identifiers alone. */
  private references(a: XmlElement): AlertReference[] {
    const tokens = childTexts(a, ['references', 'reference']).flatMap((text) => text.split(/\s+/));
    return tokens.flatMap((token, i): AlertReference[] => {
      const parts = token.split(',');
      if (parts.length === 1) return [{ identifier: token }];
      const [sender = '', identifier = '', ...sentParts] = parts;
      const sent = alertTime(sentParts.join(','));
      if (identifier === '' || (sentParts.length > 0 && !sent)) {
        this.problem(`references[${i}]`, `"${clip(token)}" is not sender,identifier,sent`);
        return [];
      }
      return [{ identifier, ...(sender === '' ? {} : { sender }), ...(sent ? { sent } : {}) }];
    });
  }

  private info(
    info: XmlElement,
    path: string,
    format: AlertFormat,
    issuerAreaCode: string | undefined,
    cancel: boolean,
  ): AlertInfo {
    const eventCode = childText(info, ['eventType', 'eventCode']);
    const headline = childText(info, ['headline', 'title']) ?? '';
    const description = childText(info, ['description', 'content']) ?? '';
    const instruction = childText(info, ['instruction']) ?? '';
    const event =
      childText(info, ['event', 'eventName']) ?? eventCode ?? (headline || this.missing(`${path}.event`));
    if (headline === '' && description === '' && !cancel) {
      this.problem(`${path}.description`, 'missing: neither a headline nor a description to tell people');
    }
    const severityWord = childText(info, ['severity']);
    const severity = severityWord === undefined ? undefined : alertSeverity(severityWord);
    if (severityWord !== undefined && !severity) {
      this.problem(
        `${path}.severity`,
        `"${clip(severityWord)}" is not a severity (Extreme … Minor) or a colour (Red … Blue)`,
      );
    }
    const colourWord = childText(info, ['colour', 'color', 'level', 'warningLevel']);
    const colour =
      severity?.colour ??
      (colourWord ? alertSeverity(colourWord)?.colour : undefined) ??
      colourInText(headline);
    const urgencyWord = childText(info, ['urgency']);
    const expires = this.time(info, ['expires', 'expiration', 'expireTime'], `${path}.expires`);
    const areas = children(info, ['area']).map((area, j) =>
      this.area(area, `${path}.area[${j}]`, issuerAreaCode),
    );
    if (areas.length === 0 && issuerAreaCode !== undefined) areas.push(issuerArea(issuerAreaCode));
    if (areas.length === 0 && !cancel) this.problem(`${path}.area`, 'missing: where the alert applies');
    return {
      language: childText(info, ['language']) ?? (format === 'gbt-35965.1' ? 'zh-CN' : 'en-US'),
      event: event ?? '',
      ...(eventCode === undefined ? {} : { eventCode }),
      urgency: (urgencyWord && alertUrgency(urgencyWord)) || 'unknown',
      severity: severity?.severity ?? (colour ? (alertSeverity(colour)?.severity ?? 'unknown') : 'unknown'),
      ...(colour === undefined ? {} : { colour }),
      headline,
      description,
      instruction,
      ...(expires === undefined ? {} : { expires }),
      areas,
    };
  }

  private area(area: XmlElement, path: string, issuerAreaCode: string | undefined): AlertArea {
    const desc = childText(area, ['areaDesc', 'areaName']) ?? '';
    const polygons = childTexts(area, ['polygon']).flatMap((text, k) => {
      const polygon = parsePolygon(text);
      if (typeof polygon === 'string') return this.problem(`${path}.polygon[${k}]`, polygon) ?? [];
      return [polygon];
    });
    const circles = childTexts(area, ['circle']).flatMap((text, k) => {
      const circle = parseCircle(text);
      if (typeof circle === 'string') return this.problem(`${path}.circle[${k}]`, circle) ?? [];
      return [circle];
    });
    const geocodes = children(area, ['geocode', 'geoCode', 'areaCode']).flatMap(geocodePairs);
    const areaCodes = [
      ...new Set(
        geocodes
          .filter((g) => !FOREIGN_GEOCODE.test(g.valueName) && isDivisionCode(g.value))
          .map((g) => g.value),
      ),
    ];
    const nothing = desc === '' && polygons.length === 0 && circles.length === 0 && geocodes.length === 0;
    if (nothing && issuerAreaCode !== undefined) areaCodes.push(issuerAreaCode);
    else if (nothing)
      this.problem(`${path}.areaDesc`, 'missing: the area has no description, polygon, circle or geocode');
    return { desc, polygons, circles, geocodes, areaCodes };
  }

  private required(element: XmlElement, names: string[], field: string): string | undefined {
    return childText(element, names) ?? this.missing(field);
  }

  private time(element: XmlElement, names: string[], field: string): Date | undefined {
    const text = childText(element, names);
    if (text === undefined) return undefined;
    return (
      alertTime(text) ??
      this.problem(field, `"${clip(text)}" is not a date and time like 2026-07-01T14:30:00+08:00`)
    );
  }

  private missing(field: string): undefined {
    return this.problem(field, 'missing');
  }

  private problem(field: string, reason: string): undefined {
    this.problems.push({ field: `${this.path}.${field}`, reason });
    return undefined;
  }
}

function issuerArea(code: string): AlertArea {
  return { desc: '', polygons: [], circles: [], geocodes: [], areaCodes: [code] };
}

/** `<geocode><valueName/><value/></geocode>`, or the bare `410000000000,410100000000` of Chinese feeds. */
function geocodePairs(geocode: XmlElement): { valueName: string; value: string }[] {
  if (typeof geocode === 'string') {
    return [...new Set(geocode.split(/[\s,，;；]+/).filter((v) => v !== ''))].map((value) => ({
      valueName: '',
      value,
    }));
  }
  const value = childText(geocode, ['value']);
  if (value === undefined) return [];
  return [{ valueName: childText(geocode, ['valueName']) ?? '', value }];
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
