/**
 * @shortstop/client: typed operations for ShortStop's GraphQL API (generated
 * from the schema by graphql-codegen: TypedDocumentNodes for any client that
 * takes them, e.g. Apollo Client, urql, graphql-request) and
 * `subscribeAlerts`, the alert stream an integration can rely on.
 */
export * from './generated/graphql';
export { AlertStreamError, subscribeAlerts, type StreamedAlert, type SubscribeAlertsOptions } from './subscribe-alerts';
