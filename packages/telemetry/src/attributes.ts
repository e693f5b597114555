/**
 * Attribute names docket's spans use. The stable ones come from `@opentelemetry/semantic-conventions`;
 * the messaging ones are still "development" there and live only in its `incubating` entry point, which
 * may break in a minor release, so (as that package's README advises) they are copied here.
 */
export {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVICE_NAME,
  ATTR_URL_PATH,
  ATTR_URL_SCHEME,
} from '@opentelemetry/semantic-conventions';

/** `messaging.system` is what dashboards built on semconv ≤ 1.30 query; `.name` is its current name. */
export const ATTR_MESSAGING_SYSTEM = 'messaging.system';
export const ATTR_MESSAGING_SYSTEM_NAME = 'messaging.system.name';
export const ATTR_MESSAGING_DESTINATION_NAME = 'messaging.destination.name';
/** The served wildcard pattern, when it differs from the concrete subject. */
export const ATTR_MESSAGING_DESTINATION_TEMPLATE = 'messaging.destination.template';
export const ATTR_MESSAGING_OPERATION_NAME = 'messaging.operation.name';
export const ATTR_MESSAGING_OPERATION_TYPE = 'messaging.operation.type';
export const ATTR_MESSAGING_MESSAGE_ID = 'messaging.message.id';
/** docket's correlation id (the case number): semconv's name for it. */
export const ATTR_MESSAGING_CONVERSATION_ID = 'messaging.message.conversation_id';
/** The queue group (request/reply) or the durable consumer (events). */
export const ATTR_MESSAGING_CONSUMER_GROUP_NAME = 'messaging.consumer.group.name';

/** docket's own attributes. */
export const ATTR_DOCKET_SERVICE = 'docket.service';
export const ATTR_DOCKET_BUS_SEQUENCE = 'docket.bus.sequence';
export const ATTR_DOCKET_BUS_DUPLICATE = 'docket.bus.duplicate';
export const ATTR_DOCKET_BUS_DELIVERY_COUNT = 'docket.bus.delivery_count';
export const ATTR_LEDGER_STREAM = 'docket.ledger.stream';
export const ATTR_LEDGER_EVENT_COUNT = 'docket.ledger.event_count';
export const ATTR_LEDGER_EVENT_TYPES = 'docket.ledger.event_types';
export const ATTR_LEDGER_EXPECTED_REVISION = 'docket.ledger.expected_revision';
export const ATTR_LEDGER_FIRST_POSITION = 'docket.ledger.first_position';
export const ATTR_LEDGER_LAST_POSITION = 'docket.ledger.last_position';
export const ATTR_LEDGER_NEXT_EXPECTED_REVISION = 'docket.ledger.next_expected_revision';
export const ATTR_LEDGER_REPLAYED = 'docket.ledger.replayed';
