/**
 * One problem with one field of what someone sent: a request body, a query, a row of a file, a card's
 * message. `field` names it the way the sender does (`menu.options[1].digit`, a column heading), and
 * `reason` says what is wrong in words meant for them. The API answers a 400 with a list of these.
 */
export interface FieldProblem {
  field: string;
  reason: string;
}
